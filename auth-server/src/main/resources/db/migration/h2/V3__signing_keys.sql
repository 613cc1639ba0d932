-- JWS signing keys. The private half is sealed with the key-encryption key (never stored in the clear) and
-- wiped when the key retires; the public half stays published until publish_until.
CREATE TABLE signing_key (
    kid                VARCHAR(64)   NOT NULL,
    algorithm          VARCHAR(16)   NOT NULL,
    public_jwk         VARCHAR(4000) NOT NULL,
    sealed_private_jwk VARCHAR(8000),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at         TIMESTAMP WITH TIME ZONE,
    publish_until      TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (kid)
);
