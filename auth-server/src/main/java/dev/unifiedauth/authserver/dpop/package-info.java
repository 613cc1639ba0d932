/**
 * DPoP (RFC 9449) at the token endpoint: the proof of every token request is verified by the shared
 * {@link dev.unifiedauth.core.dpop.DPoPProofVerifier} (every check of §4.3, replay through the replay store) before
 * Spring sees the request, clients registered with {@code dpop_bound_access_tokens} must send one (§5.2), clients
 * that require nonces get {@code use_dpop_nonce} and a {@code DPoP-Nonce} (§8), and access tokens issued with a
 * proof carry {@code cnf.jkt} (§6.1), which makes their {@code token_type} {@code DPoP} (§5). A code whose
 * authorization request named {@code dpop_jkt} is redeemed only with a proof of that key (§10).
 */
package dev.unifiedauth.authserver.dpop;
