-- Every access token issued by token exchange (never the token itself): who it acts for, the actor chain, the
-- task, what it allows and when it dies. Revocation marks rows; introspection and exchange consult them.
CREATE TABLE delegated_token (
    jti         VARCHAR(64)   NOT NULL,
    subject     VARCHAR(200)  NOT NULL,
    task_id     VARCHAR(64)   NOT NULL,
    actor_chain VARCHAR(1000) NOT NULL,
    client_id   VARCHAR(100)  NOT NULL,
    parent_jti  VARCHAR(64),
    scope       VARCHAR(2000) NOT NULL,
    audience    VARCHAR(2000) NOT NULL,
    dpop_jkt    VARCHAR(64)   NOT NULL,
    issued_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (jti)
);
CREATE INDEX ix_delegated_token_task ON delegated_token (subject, task_id);
CREATE INDEX ix_delegated_token_parent ON delegated_token (parent_jti);
