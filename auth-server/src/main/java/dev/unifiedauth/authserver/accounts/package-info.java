/**
 * Human accounts: who they are (a stable id that becomes the token {@code sub}), how they log in (email and an
 * Argon2id password hash) and which roles they hold; and what each role grants as {@code resource:action}
 * scopes. Users, roles and grants live in the database.
 */
package dev.unifiedauth.authserver.accounts;
