/**
 * OAuth error responses in one place: which RFC error code a rejection carries, which HTTP status goes with it
 * (RFC 6749 §5.2: {@code invalid_client} is 401, everything else 400; a store that is down is 503
 * {@code temporarily_unavailable}), and that descriptions contain only the characters RFC 6749 §5.2 allows.
 */
package dev.unifiedauth.authserver.errors;
