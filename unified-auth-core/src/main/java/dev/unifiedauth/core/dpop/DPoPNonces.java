package dev.unifiedauth.core.dpop;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server-provided DPoP nonces (RFC 9449 §8), stateless so that every node accepts every node's nonces: a nonce is
 * {@code base64url(t || HMAC-SHA256(secret, t)[0..16])} where {@code t} is the issue time in epoch seconds
 * (8 bytes, big-endian). It is valid from {@code t} for the configured lifetime; a nonce from the future is
 * refused, so that a nonce cannot be minted ahead of time (§11.2). Without the secret nobody can make a nonce,
 * which is what stops proofs being prepared before the client talks to us. Nodes that share the secret share
 * nonces. Thread-safe.
 */
public final class DPoPNonces {

	private static final int TIME_BYTES = Long.BYTES;

	private static final int MAC_BYTES = 16;

	private static final byte[] LABEL = "unified-auth dpop-nonce v1".getBytes(StandardCharsets.US_ASCII);

	private final SecretKeySpec secret;

	private final Duration lifetime;

	private final Clock clock;

	/**
	 * @param secret at least 32 bytes shared by every node that must accept the nonces
	 * @param lifetime how long a nonce is accepted after it was issued
	 */
	public DPoPNonces(byte[] secret, Duration lifetime, Clock clock) {
		if (secret.length < 32) {
			throw new IllegalArgumentException("The DPoP nonce secret must be at least 32 bytes");
		}
		if (lifetime.isNegative() || lifetime.isZero()) {
			throw new IllegalArgumentException("The DPoP nonce lifetime must be positive");
		}
		this.secret = new SecretKeySpec(secret.clone(), "HmacSHA256");
		this.lifetime = lifetime;
		this.clock = clock;
	}

	/** A fresh nonce, for a {@code DPoP-Nonce} response header. */
	public String issue() {
		long issuedAt = this.clock.instant().getEpochSecond();
		ByteBuffer nonce = ByteBuffer.allocate(TIME_BYTES + MAC_BYTES);
		nonce.putLong(issuedAt).put(mac(issuedAt));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce.array());
	}

	/** Whether this server (or a node sharing its secret) issued the nonce, and it has not expired. */
	public boolean isValid(String nonce) {
		if (nonce == null || nonce.length() != 32) {
			return false;
		}
		byte[] decoded;
		try {
			decoded = Base64.getUrlDecoder().decode(nonce);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		if (decoded.length != TIME_BYTES + MAC_BYTES) {
			return false;
		}
		ByteBuffer buffer = ByteBuffer.wrap(decoded);
		long issuedAt = buffer.getLong();
		byte[] mac = Arrays.copyOfRange(decoded, TIME_BYTES, decoded.length);
		if (!MessageDigest.isEqual(mac, mac(issuedAt))) {
			return false;
		}
		long now = this.clock.instant().getEpochSecond();
		return issuedAt <= now && now - issuedAt <= this.lifetime.toSeconds();
	}

	private byte[] mac(long issuedAt) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.secret);
			mac.update(LABEL);
			return Arrays.copyOf(mac.doFinal(ByteBuffer.allocate(TIME_BYTES).putLong(issuedAt).array()), MAC_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
