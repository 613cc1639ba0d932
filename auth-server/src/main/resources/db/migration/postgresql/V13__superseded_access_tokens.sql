-- The access token a refresh replaced (its jti and expiry, never the token), kept with the rotated refresh token:
-- when the grant is revoked later, every access token of it that is still live goes into the revocation feed,
-- not only the current one (RFC 7009 §2.1, OAuth 2.1 §4.1.3).
ALTER TABLE refresh_token_lineage ADD COLUMN access_jti VARCHAR(200);
ALTER TABLE refresh_token_lineage ADD COLUMN access_expires_at timestamptz;
