package dev.unifiedauth.authserver.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as lower-case hex: the form in which tokens and login names are looked up without being stored.
 */
public final class Sha256 {

	private Sha256() {
	}

	public static String hex(String value) {
		return HexFormat.of().formatHex(digest(value.getBytes(StandardCharsets.UTF_8)));
	}

	public static byte[] digest(byte[] value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
		}
	}

}
