/**
 * Signing keys: generated on first start, sealed at rest with a key-encryption key, published in the JWKS
 * (RFC 7517) and rotated so that a retired key stays published until every token it signed has expired
 * (RFC 8725 §3.1: one algorithm per key, ES256 by default).
 */
package dev.unifiedauth.authserver.keys;
