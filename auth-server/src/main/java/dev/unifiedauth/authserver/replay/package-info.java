/**
 * The replay store this server uses for single-use identifiers (DPoP proof {@code jti}, RFC 9449 §11.1; client
 * assertion {@code jti}, RFC 7523 §3): the embedded, fixed-size one for a single node, or the Redis one that
 * several nodes share. Chosen by {@code unified-auth.replay-store.type}.
 */
package dev.unifiedauth.authserver.replay;
