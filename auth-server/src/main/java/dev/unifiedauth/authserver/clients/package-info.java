/**
 * OAuth clients: their registrations in the database (Spring's {@code JdbcRegisteredClientRepository}), how
 * their secrets are hashed, the client settings this server adds, what an AI agent client is
 * ({@code AgentClients}), and client authentication: exactly one method per request (RFC 6749 §2.3), and
 * {@code private_key_jwt} (RFC 7523 §2.2 and §3, OpenID Connect Core §9) against keys registered inline, with
 * single-use assertions.
 */
package dev.unifiedauth.authserver.clients;
