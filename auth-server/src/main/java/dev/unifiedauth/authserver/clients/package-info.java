/**
 * OAuth clients: their registrations in the database (Spring's {@code JdbcRegisteredClientRepository}), how
 * their secrets are hashed, the client settings this server adds, and client authentication rules
 * (RFC 6749 §2.3: exactly one authentication method per request).
 */
package dev.unifiedauth.authserver.clients;
