/**
 * DPoP (RFC 9449) proof verification shared by the authorization server (token endpoint) and resource servers:
 * every check of §4.3, server nonces (§8) and replay detection through the
 * {@link dev.unifiedauth.core.replay.ReplayStore} (§11.1).
 */
package dev.unifiedauth.core.dpop;
