-- Humans, their roles and what each role grants. Emails are stored lower-case.
CREATE TABLE user_account (
    id            VARCHAR(64)  NOT NULL,
    email         VARCHAR(320) NOT NULL,
    display_name  VARCHAR(200) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    enabled       BOOLEAN      DEFAULT TRUE NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_user_account_email UNIQUE (email)
);

CREATE TABLE user_role (
    user_id VARCHAR(64) NOT NULL,
    role    VARCHAR(64) NOT NULL,
    PRIMARY KEY (user_id, role),
    CONSTRAINT fk_user_role_user FOREIGN KEY (user_id) REFERENCES user_account (id) ON DELETE CASCADE
);

CREATE TABLE role_scope (
    role  VARCHAR(64)  NOT NULL,
    scope VARCHAR(200) NOT NULL,
    PRIMARY KEY (role, scope)
);

-- Failed logins per account key (SHA-256 of the normalised login name, so typed secrets are never stored).
CREATE TABLE login_throttle (
    account_key     VARCHAR(64) NOT NULL,
    failures        INTEGER     NOT NULL,
    last_failure_at TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until    TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (account_key)
);
