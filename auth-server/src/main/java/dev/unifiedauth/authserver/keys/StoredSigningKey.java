package dev.unifiedauth.authserver.keys;

import java.time.Instant;

/**
 * One row of {@code signing_key}.
 *
 * @param kid key id (RFC 7638 thumbprint)
 * @param algorithm JWS algorithm the key is restricted to
 * @param publicJwk the public JWK as JSON
 * @param sealedPrivateJwk the private JWK sealed by {@link KeyEncryptionKey}; {@code null} once retired
 * @param createdAt when the key was generated
 * @param retiredAt when it stopped signing; {@code null} while active
 * @param publishUntil until when a retired key stays in the JWKS
 */
record StoredSigningKey(String kid, String algorithm, String publicJwk, String sealedPrivateJwk, Instant createdAt,
		Instant retiredAt, Instant publishUntil) {

	boolean active() {
		return this.retiredAt == null;
	}

	boolean publishedAt(Instant now) {
		return active() || (this.publishUntil != null && now.isBefore(this.publishUntil));
	}

}
