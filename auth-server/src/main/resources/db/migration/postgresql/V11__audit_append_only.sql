-- The application cannot change or remove audit rows (security case F06): UPDATE, DELETE and TRUNCATE fire a
-- trigger that refuses them. Only a superuser can get past it (SET session_replication_role = replica, or
-- ALTER TABLE ... DISABLE TRIGGER as the owner); the hash chain and the signed checkpoints detect what they do.
-- With a separate migration role, also REVOKE UPDATE, DELETE, TRUNCATE from the application role (docs/audit.md).
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'The audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

-- As on H2: an empty table whose foreign keys make TRUNCATE of the audit tables fail even without the triggers
-- (PostgreSQL then requires CASCADE).
CREATE TABLE audit_truncate_guard (
    event_seq      BIGINT,
    checkpoint_seq BIGINT,
    CONSTRAINT fk_audit_guard_event FOREIGN KEY (event_seq) REFERENCES audit_event (seq),
    CONSTRAINT fk_audit_guard_checkpoint FOREIGN KEY (checkpoint_seq) REFERENCES audit_checkpoint (seq)
);
