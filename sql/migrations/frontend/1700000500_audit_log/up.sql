CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    repo_id integer NOT NULL,
    action text NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION record_repo_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO audit_log (repo_id, action) VALUES (NEW.id, TG_OP);
    RETURN NEW;
END;
$$;

CREATE TRIGGER repo_audit AFTER INSERT OR UPDATE ON repo
    FOR EACH ROW EXECUTE FUNCTION record_repo_change();
