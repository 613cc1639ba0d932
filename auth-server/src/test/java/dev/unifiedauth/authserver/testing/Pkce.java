package dev.unifiedauth.authserver.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE verifier and its S256 challenge (RFC 7636 §4.1-4.2).
 *
 * @param verifier the code verifier
 * @param challenge BASE64URL(SHA-256(verifier))
 */
public record Pkce(String verifier, String challenge) {

	public static Pkce generate() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		String verifier = base64url(bytes);
		return new Pkce(verifier, s256(verifier));
	}

	public static String s256(String verifier) {
		try {
			return base64url(
					MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String base64url(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
