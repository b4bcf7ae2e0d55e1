-- Commits its first half itself: not atomic in golang-migrate's one multi-statement query.
CREATE TABLE orders (id int);
COMMIT;
CREATE TABLE order_items (id int, order_id int);
