package dev.unifiedauth.core.dpop;

import java.time.Instant;

import com.nimbusds.jose.jwk.JWK;

/**
 * A DPoP proof that passed every check of RFC 9449 §4.3 (and the nonce and replay checks) for the request that
 * carried it.
 *
 * @param jkt the RFC 7638 SHA-256 thumbprint of the proof's public key: the {@code cnf.jkt} of bound tokens
 * @param publicKey the proof's public key
 * @param jti the proof's unique identifier
 * @param issuedAt the proof's {@code iat}
 */
public record DPoPProof(String jkt, JWK publicKey, String jti, Instant issuedAt) {

	/** The request attribute under which the token-endpoint filter leaves the verified proof. */
	public static final String REQUEST_ATTRIBUTE = DPoPProof.class.getName();

}
