ALTER TABLE repo ADD COLUMN archived boolean NOT NULL DEFAULT false;
