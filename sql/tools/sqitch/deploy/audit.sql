-- Not wrapped in a transaction: Sqitch can leave it half deployed.
CREATE TABLE audit (id int);
CREATE UNIQUE INDEX users_email ON users (email);
