/**
 * Revocation at the resource server without a call per request: a poller pulls the authorization server's
 * revocation feed a few times a second into memory ({@code RevocationRules}); the request path checks a token
 * against it with hash lookups, and fails closed (503) when the feed has not been read recently enough to keep
 * the one-second promise.
 */
package dev.unifiedauth.resourceserver.revocation;
