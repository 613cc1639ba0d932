-- The application cannot change or remove audit rows (security case F06): UPDATE and DELETE fire a trigger that
-- refuses them (dev.unifiedauth.authserver.audit.AppendOnlyTrigger; renaming that class breaks this migration).
CREATE TRIGGER audit_event_append_only BEFORE UPDATE, DELETE ON audit_event FOR EACH ROW
    CALL 'dev.unifiedauth.authserver.audit.AppendOnlyTrigger';
CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE, DELETE ON audit_checkpoint FOR EACH ROW
    CALL 'dev.unifiedauth.authserver.audit.AppendOnlyTrigger';

-- H2 has no TRUNCATE trigger, but refuses to TRUNCATE a table that a foreign key references: this empty table
-- exists only to hold those references.
CREATE TABLE audit_truncate_guard (
    event_seq      BIGINT,
    checkpoint_seq BIGINT,
    CONSTRAINT fk_audit_guard_event FOREIGN KEY (event_seq) REFERENCES audit_event (seq),
    CONSTRAINT fk_audit_guard_checkpoint FOREIGN KEY (checkpoint_seq) REFERENCES audit_checkpoint (seq)
);
