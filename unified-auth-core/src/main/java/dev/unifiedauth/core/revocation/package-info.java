/**
 * Revocation rules shared by both servers: the authorization server records them when a token, a task, an
 * account or a client stops being trusted, and serves them as a pull feed; a resource server keeps the live ones
 * in memory, so that its hot path stays a local signature check plus a few hash lookups.
 */
package dev.unifiedauth.core.revocation;
