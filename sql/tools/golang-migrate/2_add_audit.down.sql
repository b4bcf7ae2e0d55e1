DROP INDEX users_email;
DROP TABLE audit;
