package dev.unifiedauth.authserver.clients;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import dev.unifiedauth.authserver.storage.Sha256;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Hashes client secrets. Secrets this server generates carry at least 256 bits of entropy, so a salted SHA-256
 * ({@code {sha256}<salt>$<hash>}) protects them as well as a slow hash would, at a cost of microseconds per
 * token request instead of tens of milliseconds. Secrets hashed with Argon2 or bcrypt are still accepted.
 * Comparison is constant-time. Thread-safe.
 */
public final class ClientSecretEncoder implements PasswordEncoder {

	private static final String PREFIX = "{sha256}";

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final SecureRandom random = new SecureRandom();

	public ClientSecretEncoder() {
		// a stored secret without a {id} prefix matches nothing (Spring's default would throw)
		this.slowHashes.setDefaultPasswordEncoderForMatches(new NothingMatches());
	}

	private final DelegatingPasswordEncoder slowHashes = new DelegatingPasswordEncoder("argon2",
			Map.of("argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), "bcrypt",
					new BCryptPasswordEncoder()));

	@Override
	public String encode(CharSequence rawSecret) {
		byte[] salt = new byte[16];
		this.random.nextBytes(salt);
		return PREFIX + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash(salt, rawSecret));
	}

	@Override
	public boolean matches(CharSequence rawSecret, String encoded) {
		if (rawSecret == null || encoded == null) {
			return false;
		}
		if (!encoded.startsWith(PREFIX)) {
			return this.slowHashes.matches(rawSecret, encoded);
		}
		String[] parts = encoded.substring(PREFIX.length()).split("\\$");
		if (parts.length != 2) {
			return false;
		}
		try {
			return MessageDigest.isEqual(hash(DECODER.decode(parts[0]), rawSecret), DECODER.decode(parts[1]));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** Matches nothing: the fallback for stored secrets of an unknown format. */
	private static final class NothingMatches implements PasswordEncoder {

		@Override
		public String encode(CharSequence rawPassword) {
			throw new IllegalStateException("Used only to refuse stored secrets of an unknown format");
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			return false;
		}

	}

	private static byte[] hash(byte[] salt, CharSequence secret) {
		byte[] secretBytes = secret.toString().getBytes(StandardCharsets.UTF_8);
		byte[] input = new byte[salt.length + secretBytes.length];
		System.arraycopy(salt, 0, input, 0, salt.length);
		System.arraycopy(secretBytes, 0, input, salt.length, secretBytes.length);
		return Sha256.digest(input);
	}

}
