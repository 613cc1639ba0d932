/**
 * DPoP (RFC 9449) at the token endpoint: every check of §4.3 on a proof, server nonces (§8), replay detection
 * through the {@link dev.unifiedauth.authserver.replay.ReplayStore} (§11.1), and the binding of issued access
 * tokens to the proof's key ({@code cnf.jkt}, §6.1).
 */
package dev.unifiedauth.authserver.dpop;
