/**
 * Interactive human login: the server-rendered, CSRF-protected login page, email + password authentication
 * against Argon2id hashes, and per-account throttling of failures (OAuth 2.1 §7.7 / RFC 9700 §4.15) whose
 * state lives in the database so that every node of a cluster applies the same limit.
 */
package dev.unifiedauth.authserver.login;
