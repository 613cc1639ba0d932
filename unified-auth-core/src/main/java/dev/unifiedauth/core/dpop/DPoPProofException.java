package dev.unifiedauth.core.dpop;

/**
 * A DPoP proof failed a check. The {@link #reason() reason} names the check (for the audit trail and logs); the
 * {@link #getMessage() message} is a short description that is safe to send to the client: it never contains the
 * proof or anything else the client sent. At the token endpoint every reason is {@code invalid_dpop_proof}
 * (RFC 9449 §5) except the nonce reasons, which are {@code use_dpop_nonce} (§8).
 */
public final class DPoPProofException extends RuntimeException {

	private final Reason reason;

	public DPoPProofException(Reason reason, String description) {
		super(description, null, false, false);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

	/** The client must retry with the server's current nonce ({@code use_dpop_nonce}, RFC 9449 §8). */
	public boolean isNonceError() {
		return this.reason == Reason.NONCE_REQUIRED || this.reason == Reason.NONCE_INVALID;
	}

	/** The check that failed; {@link #code()} is its stable name. Numbers are RFC 9449 §4.3 check numbers. */
	public enum Reason {

		/** No proof where one is required (RFC 9449 §5.2, §7.1). */
		MISSING("missing"),
		/** More than one {@code DPoP} header (§4.3 (1)). */
		MULTIPLE("multiple"),
		/** Not a well-formed JWS in compact serialization, or claims that are not a JSON object (§4.3 (2)). */
		MALFORMED("malformed"),
		/** {@code typ} is not {@code dpop+jwt} (§4.3 (4)). */
		TYP("typ"),
		/** {@code alg} missing, not asymmetric, not allowed, or not the algorithm of the key (§4.3 (5)). */
		ALG("alg"),
		/** {@code jwk} missing, not a public key, a private or symmetric key, or too weak (§4.3 (7)). */
		JWK("jwk"),
		/** The signature does not verify with the {@code jwk} (§4.3 (6)). */
		SIGNATURE("signature"),
		/** {@code jti} missing or not a non-empty string (§4.3 (3)). */
		JTI("jti"),
		/** {@code htm} missing or not the request's method (§4.3 (3), (8)). */
		HTM("htm"),
		/** {@code htu} missing or not the request's URI (§4.3 (3), (9)). */
		HTU("htu"),
		/** {@code iat} missing, not a number, or outside the accepted window (§4.3 (3), (11)). */
		IAT("iat"),
		/** {@code ath} missing or not the hash of the presented access token (§4.3 (12)). */
		ATH("ath"),
		/** The server requires a nonce and the proof has none (§8). */
		NONCE_REQUIRED("nonce_required"),
		/** The proof's nonce was not issued by this server, has expired, or is malformed (§4.3 (10), §8). */
		NONCE_INVALID("nonce_invalid"),
		/** This proof (key and {@code jti}) was used before (§11.1). */
		JTI_REPLAY("jti_replay");

		private final String code;

		Reason(String code) {
			this.code = code;
		}

		public String code() {
			return this.code;
		}

	}

}
