-- The audit trail (docs/audit.md): append-only, hash-chained entries of both servers. hash = SHA-256(prev_hash ||
-- RFC 8785 canonical JSON of the entry without hash). Never a token, proof or secret: tokens are named by jti.
CREATE TABLE audit_event (
    seq         BIGINT         NOT NULL,
    event_id    VARCHAR(64)    NOT NULL,
    event_time  timestamptz NOT NULL,
    type        VARCHAR(64)    NOT NULL,
    decision    VARCHAR(64),
    reason      VARCHAR(200),
    source      VARCHAR(200)   NOT NULL,
    client_id   VARCHAR(200),
    chain       VARCHAR(2000)  NOT NULL,
    chain_root  VARCHAR(200),
    task_id     VARCHAR(200),
    resource    VARCHAR(64),
    action      VARCHAR(64),
    jti         VARCHAR(200),
    details     VARCHAR(16000) NOT NULL,
    prev_hash   VARCHAR(64)    NOT NULL,
    hash        VARCHAR(64)    NOT NULL,
    PRIMARY KEY (seq),
    -- a retried delivery of the same event is recognised (resource servers choose the id)
    CONSTRAINT uq_audit_event_id UNIQUE (event_id),
    -- no fork: every entry has exactly one successor
    CONSTRAINT uq_audit_event_prev_hash UNIQUE (prev_hash)
);
CREATE INDEX ix_audit_event_root ON audit_event (chain_root, seq);
CREATE INDEX ix_audit_event_task ON audit_event (task_id, seq);
CREATE INDEX ix_audit_event_type ON audit_event (type, seq);

-- The end of the chain. Every append locks this one row (SELECT ... FOR UPDATE) in its transaction, so appends
-- from every node are serialised: seq stays contiguous and no two entries share a prev_hash.
CREATE TABLE audit_head (
    id        INTEGER     NOT NULL,
    last_seq  BIGINT      NOT NULL,
    last_hash VARCHAR(64) NOT NULL,
    PRIMARY KEY (id)
);
INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Signed checkpoints (seq, hash, time) of the chain, every k entries and on a timer. The signing key is not in the
-- database; each checkpoint is also appended to a file outside it.
CREATE TABLE audit_checkpoint (
    seq        BIGINT       NOT NULL,
    hash       VARCHAR(64)  NOT NULL,
    created_at timestamptz NOT NULL,
    key_id     VARCHAR(64)  NOT NULL,
    signature  VARCHAR(200) NOT NULL,
    PRIMARY KEY (seq)
);
