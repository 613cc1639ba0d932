-- The JSON columns of oauth2_authorization become text, as they are on PostgreSQL. Spring's
-- JdbcOAuth2AuthorizationService reads each column's JDBC type when it is built and keeps it in a static field
-- that every instance in the JVM shares; with BLOB here and text there, a JVM that had built a service on one
-- vendor bound and read values wrongly on the other. Existing rows are converted (the BLOBs hold UTF-8 JSON).

ALTER TABLE oauth2_authorization ADD COLUMN attributes_text CHARACTER VARYING DEFAULT NULL BEFORE state;
UPDATE oauth2_authorization SET attributes_text = UTF8TOSTRING(attributes);
ALTER TABLE oauth2_authorization DROP COLUMN attributes;
ALTER TABLE oauth2_authorization ALTER COLUMN attributes_text RENAME TO attributes;

ALTER TABLE oauth2_authorization ADD COLUMN authorization_code_metadata_text CHARACTER VARYING DEFAULT NULL BEFORE access_token_value;
UPDATE oauth2_authorization SET authorization_code_metadata_text = UTF8TOSTRING(authorization_code_metadata);
ALTER TABLE oauth2_authorization DROP COLUMN authorization_code_metadata;
ALTER TABLE oauth2_authorization ALTER COLUMN authorization_code_metadata_text RENAME TO authorization_code_metadata;

ALTER TABLE oauth2_authorization ADD COLUMN access_token_metadata_text CHARACTER VARYING DEFAULT NULL BEFORE access_token_type;
UPDATE oauth2_authorization SET access_token_metadata_text = UTF8TOSTRING(access_token_metadata);
ALTER TABLE oauth2_authorization DROP COLUMN access_token_metadata;
ALTER TABLE oauth2_authorization ALTER COLUMN access_token_metadata_text RENAME TO access_token_metadata;

ALTER TABLE oauth2_authorization ADD COLUMN oidc_id_token_metadata_text CHARACTER VARYING DEFAULT NULL BEFORE refresh_token_value;
UPDATE oauth2_authorization SET oidc_id_token_metadata_text = UTF8TOSTRING(oidc_id_token_metadata);
ALTER TABLE oauth2_authorization DROP COLUMN oidc_id_token_metadata;
ALTER TABLE oauth2_authorization ALTER COLUMN oidc_id_token_metadata_text RENAME TO oidc_id_token_metadata;

ALTER TABLE oauth2_authorization ADD COLUMN refresh_token_metadata_text CHARACTER VARYING DEFAULT NULL BEFORE user_code_value;
UPDATE oauth2_authorization SET refresh_token_metadata_text = UTF8TOSTRING(refresh_token_metadata);
ALTER TABLE oauth2_authorization DROP COLUMN refresh_token_metadata;
ALTER TABLE oauth2_authorization ALTER COLUMN refresh_token_metadata_text RENAME TO refresh_token_metadata;

ALTER TABLE oauth2_authorization ADD COLUMN user_code_metadata_text CHARACTER VARYING DEFAULT NULL BEFORE device_code_value;
UPDATE oauth2_authorization SET user_code_metadata_text = UTF8TOSTRING(user_code_metadata);
ALTER TABLE oauth2_authorization DROP COLUMN user_code_metadata;
ALTER TABLE oauth2_authorization ALTER COLUMN user_code_metadata_text RENAME TO user_code_metadata;

ALTER TABLE oauth2_authorization ADD COLUMN device_code_metadata_text CHARACTER VARYING DEFAULT NULL;
UPDATE oauth2_authorization SET device_code_metadata_text = UTF8TOSTRING(device_code_metadata);
ALTER TABLE oauth2_authorization DROP COLUMN device_code_metadata;
ALTER TABLE oauth2_authorization ALTER COLUMN device_code_metadata_text RENAME TO device_code_metadata;
