/**
 * Who may call the API: access tokens are RFC 9068 JWTs validated locally against the authorization server's
 * JWKS (signature, {@code typ: at+jwt}, {@code iss}, {@code aud} containing this server, lifetime, required
 * claims), scopes map to operations, and RFC 9728 protected-resource metadata tells clients which
 * authorization server to use.
 */
package dev.unifiedauth.resourceserver.access;
