package dev.unifiedauth.core.replay;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.unifiedauth.core.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;

/**
 * The Redis replay store against the Redis on 127.0.0.1:6379. Without a reachable Redis these tests are skipped,
 * except on CI ({@code CI=true}), where they fail. The store-down test needs no Redis.
 */
final class RedisReplayStoreTests {

	private static final String HOST = "127.0.0.1";

	private static final int PORT = 6379;

	private static LettuceConnectionFactory connections;

	private static String unavailableReason;

	private final MutableClock clock = new MutableClock(Instant.now());

	private final String prefix = "ua-test:" + UUID.randomUUID() + ":";

	@BeforeAll
	static void connect() {
		connections = factory(PORT);
		try {
			connections.getConnection().close();
			new StringRedisTemplate(connections).hasKey("ua-test:ping");
		}
		catch (RuntimeException ex) {
			unavailableReason = "Redis is not reachable at " + HOST + ":" + PORT + " (" + ex.getClass().getSimpleName()
					+ "): the Redis replay store tests are skipped. Start it with: redis-server --daemonize yes"
					+ " --bind 127.0.0.1 --port 6379 --save \"\"";
		}
	}

	@AfterAll
	static void disconnect() {
		connections.destroy();
	}

	@AfterEach
	void removeKeys() {
		if (unavailableReason == null) {
			StringRedisTemplate redis = new StringRedisTemplate(connections);
			Set<String> keys = redis.keys(this.prefix + "*");
			if (keys != null && !keys.isEmpty()) {
				redis.delete(keys);
			}
		}
	}

	@Test
	void firstUseWhenIdentifierIsNewThenAcceptedAndAReplayRefused() {
		RedisReplayStore store = store();

		assertThat(store.firstUse("dpop", "jkt:jti-1", in(Duration.ofMinutes(2)))).isTrue();
		assertThat(store.firstUse("dpop", "jkt:jti-1", in(Duration.ofMinutes(2)))).isFalse();
		assertThat(store.firstUse("dpop", "jkt:jti-2", in(Duration.ofMinutes(2)))).isTrue();
		assertThat(store.firstUse("client-assertion", "jkt:jti-1", in(Duration.ofMinutes(2)))).isTrue();
	}

	@Test
	void firstUseWhenRecordedThenRedisKeepsItUntilItsExpiry() {
		RedisReplayStore store = store();
		store.firstUse("dpop", "jkt:jti-ttl", in(Duration.ofSeconds(121)));

		String key = store.key("dpop", "jkt:jti-ttl");
		Long ttl = new StringRedisTemplate(connections).getExpire(key, TimeUnit.MILLISECONDS);
		assertThat(ttl).isBetween(Duration.ofSeconds(119).toMillis(), Duration.ofSeconds(121).toMillis());
		assertThat(key).startsWith(this.prefix + "dpop:").hasSize(this.prefix.length() + "dpop:".length() + 22);
	}

	@Test
	void firstUseWhenExpiryAlreadyPassedThenStillRecordedForOneSecond() {
		RedisReplayStore store = store();

		assertThat(store.firstUse("dpop", "late", this.clock.instant().minusSeconds(5))).isTrue();
		assertThat(store.firstUse("dpop", "late", this.clock.instant().minusSeconds(5))).isFalse();
	}

	@Test
	void firstUseWhenAnotherNodeSawTheIdentifierThenRefused() {
		// security-cases H08: a proof accepted at node A and replayed at node B
		RedisReplayStore nodeA = store();
		RedisReplayStore nodeB = store();

		assertThat(nodeA.firstUse("dpop", "jkt:shared", in(Duration.ofMinutes(2)))).isTrue();
		assertThat(nodeB.firstUse("dpop", "jkt:shared", in(Duration.ofMinutes(2)))).isFalse();
	}

	@Test
	void firstUseWhenRacedByManyThreadsThenExactlyOneAccepts() throws Exception {
		RedisReplayStore store = store();
		ExecutorService threads = Executors.newFixedThreadPool(8);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Boolean>> attempts = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				attempts.add(threads.submit(() -> {
					start.await();
					return store.firstUse("dpop", "jkt:raced", in(Duration.ofMinutes(2)));
				}));
			}
			start.countDown();
			int accepted = 0;
			for (Future<Boolean> attempt : attempts) {
				accepted += attempt.get() ? 1 : 0;
			}
			assertThat(accepted).isEqualTo(1);
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void firstUseWhenRedisIsDownThenUnavailableNotAccepted() {
		LettuceConnectionFactory down = factory(closedPort());
		try {
			RedisReplayStore store = new RedisReplayStore(new StringRedisTemplate(down), this.prefix, this.clock);

			assertThatExceptionOfType(ReplayStoreUnavailableException.class)
				.isThrownBy(() -> store.firstUse("dpop", "jkt:jti", in(Duration.ofMinutes(2))));
		}
		finally {
			down.destroy();
		}
	}

	private RedisReplayStore store() {
		if (unavailableReason != null) {
			if ("true".equals(System.getenv("CI"))) {
				fail(unavailableReason + " On CI (CI=true) Redis is required.");
			}
			Assumptions.abort(unavailableReason);
		}
		return new RedisReplayStore(new StringRedisTemplate(connections), this.prefix, this.clock);
	}

	private Instant in(Duration duration) {
		return this.clock.instant().plus(duration);
	}

	private static LettuceConnectionFactory factory(int port) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(HOST, port),
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build());
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
