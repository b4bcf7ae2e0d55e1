-- scenario: tool-alembic
-- models: an Alembic database with two unmerged heads in alembic_version: `alembic upgrade head`
--   refuses ("Multiple head revisions are present"). Alembic records no failure.
-- expect ledgers exit: 0
-- expect ledgers: alembic=public.alembic_version applied=1a2b3c4d5e6f,9f8e7d6c5b4a findings=alembic-multiple-heads
CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version (version_num) VALUES ('1a2b3c4d5e6f'), ('9f8e7d6c5b4a');
