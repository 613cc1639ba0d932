-- Requests to approve one SUPERVISED operation (task, acting agent, operation, target) and the root human's
-- decision. An approval is used at most once and expires.
CREATE TABLE approval (
    id           VARCHAR(40)   NOT NULL,
    subject      VARCHAR(200)  NOT NULL,
    task_id      VARCHAR(64)   NOT NULL,
    actor        VARCHAR(100)  NOT NULL,
    actor_chain  VARCHAR(1000) NOT NULL,
    resource     VARCHAR(64)   NOT NULL,
    action       VARCHAR(64)   NOT NULL,
    target       VARCHAR(200)  NOT NULL,
    requested_by VARCHAR(100)  NOT NULL,
    token_jti    VARCHAR(64)   NOT NULL,
    status       VARCHAR(16)   NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by   VARCHAR(200),
    decided_as   VARCHAR(16),
    decided_at   TIMESTAMP WITH TIME ZONE,
    used_at      TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (id)
);
CREATE INDEX ix_approval_key ON approval (subject, task_id, actor, resource, action, target);
CREATE INDEX ix_approval_subject_status ON approval (subject, status);
