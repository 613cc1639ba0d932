-- Kept in step with h2/V6, which turns the JSON columns of oauth2_authorization from BLOB into text: here they
-- have been text since V1. Spring's JdbcOAuth2AuthorizationService binds values by the column types it reads
-- (kept in a static field shared by the whole JVM), so both vendors must report the same types.
COMMENT ON COLUMN oauth2_authorization.attributes IS 'JSON written by Spring''s JdbcOAuth2AuthorizationService; text on every vendor';
