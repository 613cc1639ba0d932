-- One row that every node locks (SELECT ... FOR UPDATE) before it generates or rotates a signing key, so that
-- nodes starting together on an empty database agree on one key instead of each inserting its own.
CREATE TABLE signing_key_lock (
    id INTEGER NOT NULL,
    PRIMARY KEY (id)
);
INSERT INTO signing_key_lock (id) VALUES (1);
