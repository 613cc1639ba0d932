-- Refresh tokens that were rotated out (SHA-256, never the token): presenting one again is reuse and revokes
-- the whole grant (OAuth 2.1 §4.3.1, RFC 9700 §4.14.2).
CREATE TABLE refresh_token_lineage (
    token_hash       VARCHAR(64)  NOT NULL,
    authorization_id VARCHAR(100) NOT NULL,
    rotated_at       timestamptz NOT NULL,
    PRIMARY KEY (token_hash)
);
CREATE INDEX ix_refresh_lineage_authorization ON refresh_token_lineage (authorization_id);
