package dev.unifiedauth.authserver.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM key that seals private signing keys before they reach the database. The sealed form is
 * {@code v1.<iv>.<ciphertext>} (base64url); the key id is bound as additional authenticated data so that a
 * sealed key cannot be swapped onto another row. It also derives purpose-bound secrets for other capabilities
 * (e.g. the DPoP nonce MAC key), so that every node sharing this key shares them without another setting.
 * Thread-safe.
 */
public final class KeyEncryptionKey {

	private static final int KEY_BYTES = 32;

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final SecretKey key;

	private final SecureRandom random = new SecureRandom();

	private KeyEncryptionKey(byte[] keyBytes) {
		if (keyBytes.length != KEY_BYTES) {
			throw new IllegalStateException("The key-encryption key must be 32 bytes (AES-256), got " + keyBytes.length);
		}
		this.key = new SecretKeySpec(keyBytes, "AES");
	}

	/**
	 * Uses the configured base64 key if there is one, else the key file, creating it (mode 600) on first start.
	 */
	static KeyEncryptionKey load(String base64Key, Path keyFile) {
		if (base64Key != null && !base64Key.isBlank()) {
			return new KeyEncryptionKey(Base64.getDecoder().decode(base64Key.trim()));
		}
		try {
			if (Files.exists(keyFile)) {
				return new KeyEncryptionKey(Base64.getDecoder().decode(Files.readString(keyFile).trim()));
			}
			byte[] fresh = new byte[KEY_BYTES];
			new SecureRandom().nextBytes(fresh);
			Path parent = keyFile.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Files.writeString(keyFile, Base64.getEncoder().encodeToString(fresh));
			OwnerOnlyFiles.restrict(keyFile);
			return new KeyEncryptionKey(fresh);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the key-encryption key file " + keyFile, ex);
		}
	}

	String seal(String plaintext, String kid) {
		byte[] iv = new byte[IV_BYTES];
		this.random.nextBytes(iv);
		try {
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, kid);
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			return "v1." + ENCODER.encodeToString(iv) + "." + ENCODER.encodeToString(sealed);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot seal signing key " + kid, ex);
		}
	}

	String open(String sealed, String kid) {
		String[] parts = sealed.split("\\.");
		if (parts.length != 3 || !"v1".equals(parts[0])) {
			throw new IllegalStateException("Signing key " + kid + " is not in the sealed v1 format");
		}
		try {
			Cipher cipher = cipher(Cipher.DECRYPT_MODE, DECODER.decode(parts[1]), kid);
			return new String(cipher.doFinal(DECODER.decode(parts[2])), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot open signing key " + kid
					+ ": the key-encryption key differs from the one that sealed it", ex);
		}
	}

	/**
	 * A 32-byte secret for one purpose: HMAC-SHA256(this key, "unified-auth/" + purpose). Secrets for different
	 * purposes are independent, and none reveals this key (HMAC as a PRF, as in HKDF-Expand, RFC 5869 §2.3).
	 */
	public byte[] deriveKey(String purpose) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key.getEncoded(), "HmacSHA256"));
			return mac.doFinal(("unified-auth/" + purpose).getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private Cipher cipher(int mode, byte[] iv, String kid) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, this.key, new GCMParameterSpec(TAG_BITS, iv));
		cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
		return cipher;
	}

}
