package dev.unifiedauth.core.replay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A {@link ReplayStore} shared by every node through Redis: each first use is one {@code SET key 1 NX PX ttl},
 * atomic in Redis, so that of two nodes receiving the same identifier at once exactly one accepts it
 * (RFC 9449 §11.1). Keys are {@code prefix + namespace + ":" + base64url(SHA-256(id))[128 bits]}: fixed size,
 * whatever the client sent. The time to live is computed with this node's clock, so Redis's clock does not
 * matter. Redis evicts nothing it was told to keep if it runs with {@code maxmemory-policy noeviction} (its
 * default); a full Redis then refuses writes, which this store reports as unavailable.
 *
 * <p>Any Redis failure (down, timeout, refused write) is a {@link ReplayStoreUnavailableException}: the
 * request is refused, never accepted unchecked. Thread-safe.
 */
public final class RedisReplayStore implements ReplayStore {

	/** The shortest time to live, so that an identifier whose expiry has just passed is still written. */
	private static final Duration MIN_TTL = Duration.ofSeconds(1);

	private final StringRedisTemplate redis;

	private final String keyPrefix;

	private final Clock clock;

	public RedisReplayStore(StringRedisTemplate redis, String keyPrefix, Clock clock) {
		this.redis = redis;
		this.keyPrefix = keyPrefix;
		this.clock = clock;
	}

	@Override
	public boolean firstUse(String namespace, String id, Instant expiresAt) {
		Duration ttl = Duration.between(this.clock.instant(), expiresAt);
		if (ttl.compareTo(MIN_TTL) < 0) {
			ttl = MIN_TTL;
		}
		Boolean stored;
		try {
			stored = this.redis.opsForValue().setIfAbsent(key(namespace, id), "1", ttl);
		}
		catch (RuntimeException ex) {
			throw new ReplayStoreUnavailableException("Redis did not record a single-use identifier", ex);
		}
		if (stored == null) {
			throw new ReplayStoreUnavailableException("Redis gave no answer to SET NX (pipeline or transaction?)");
		}
		return stored;
	}

	String key(String namespace, String id) {
		byte[] digest = sha256(id.getBytes(StandardCharsets.UTF_8));
		return this.keyPrefix + namespace + ":"
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
	}

	private static byte[] sha256(byte[] input) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(input);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
