-- atlas:txmode none
CREATE TABLE audit (id int);
CREATE TABLE audit_archive (id int);
CREATE UNIQUE INDEX users_email ON users (email);
