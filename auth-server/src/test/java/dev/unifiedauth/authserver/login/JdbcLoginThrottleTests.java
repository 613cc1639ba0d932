package dev.unifiedauth.authserver.login;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.unifiedauth.authserver.UnifiedAuthProperties;
import dev.unifiedauth.core.testing.MutableClock;
import dev.unifiedauth.authserver.testing.OnEveryDatabase;
import dev.unifiedauth.authserver.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JdbcLoginThrottle} on each supported database: 5 failures lock for 1 minute, doubling up to 15.
 */
@OnEveryDatabase
class JdbcLoginThrottleTests {

	private static final String ALICE = ThrottledAuthenticationProvider.accountKey("alice@example.com");

	private static final String BOB = ThrottledAuthenticationProvider.accountKey("bob@example.com");

	private final TestDatabase database;

	private final MutableClock clock = new MutableClock();

	private JdbcLoginThrottle throttle;

	JdbcLoginThrottleTests(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void freshlyMigratedDatabase() {
		this.database.reset();
		this.throttle = new JdbcLoginThrottle(this.database.jdbc(), this.database.transactions(), this.clock,
				new UnifiedAuthProperties.Login(5, Duration.ofMinutes(1), Duration.ofMinutes(15)));
	}

	@Test
	void lockedUntilWhenFewerFailuresThanTheLimitThenNotLocked() {
		fail(ALICE, 4);

		assertThat(this.throttle.lockedUntil(ALICE)).isEmpty();
		assertThat(failuresOf(ALICE)).isEqualTo(4);
	}

	@Test
	void lockedUntilWhenLimitReachedThenLockedForTheLockoutAndFreeAfterIt() {
		fail(ALICE, 5);

		assertThat(this.throttle.lockedUntil(ALICE)).hasValue(MutableClock.START.plus(Duration.ofMinutes(1)));
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(this.throttle.lockedUntil(ALICE)).isPresent();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.throttle.lockedUntil(ALICE)).isEmpty();
	}

	@Test
	void recordFailureWhenFailingOnThenLockDoublesUpToTheMaximum() {
		fail(ALICE, 5);
		List<Duration> locks = new ArrayList<>();
		for (int failure = 6; failure <= 10; failure++) {
			this.clock.advance(Duration.ofSeconds(1));
			this.throttle.recordFailure(ALICE);
			locks.add(Duration.between(this.clock.instant(), this.throttle.lockedUntil(ALICE).orElseThrow()));
		}

		assertThat(locks).containsExactly(Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8),
				Duration.ofMinutes(15), Duration.ofMinutes(15));
	}

	@Test
	void recordSuccessWhenLockedThenUnlockedAndCountStartsOver() {
		fail(ALICE, 5);

		this.throttle.recordSuccess(ALICE);

		assertThat(this.throttle.lockedUntil(ALICE)).isEmpty();
		fail(ALICE, 4);
		assertThat(this.throttle.lockedUntil(ALICE)).isEmpty();
		fail(ALICE, 1);
		assertThat(this.throttle.lockedUntil(ALICE)).isPresent();
	}

	@Test
	void recordFailureWhenQuietForTheMaximumLockThenEarlierFailuresAreForgotten() {
		fail(ALICE, 4);
		this.clock.advance(Duration.ofMinutes(15));

		fail(ALICE, 1);

		assertThat(failuresOf(ALICE)).isEqualTo(1);
		assertThat(this.throttle.lockedUntil(ALICE)).isEmpty();
	}

	@Test
	void recordFailureWhenWithinTheMaximumLockThenEarlierFailuresStillCount() {
		fail(ALICE, 4);
		this.clock.advance(Duration.ofMinutes(14));

		fail(ALICE, 1);

		assertThat(this.throttle.lockedUntil(ALICE)).isPresent();
	}

	@Test
	void lockedUntilWhenAnotherAccountIsLockedThenThisOneIsNot() {
		fail(BOB, 5);

		assertThat(this.throttle.lockedUntil(ALICE)).isEmpty();
		assertThat(this.throttle.lockedUntil(BOB)).isPresent();
	}

	@Test
	void recordFailureWhenFirstFailuresAreConcurrentThenEveryOneCounts() throws Exception {
		int threads = 8;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			for (int round = 0; round < 5; round++) {
				String key = ThrottledAuthenticationProvider.accountKey("user" + round + "@example.com");
				CountDownLatch start = new CountDownLatch(1);
				List<Future<?>> failures = new ArrayList<>();
				for (int i = 0; i < threads; i++) {
					failures.add(pool.submit(() -> {
						start.await();
						this.throttle.recordFailure(key);
						return null;
					}));
				}
				start.countDown();
				for (Future<?> failure : failures) {
					failure.get(30, TimeUnit.SECONDS);
				}

				assertThat(failuresOf(key)).as("round " + round).isEqualTo(threads);
				assertThat(this.throttle.lockedUntil(key)).isPresent();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private void fail(String key, int times) {
		for (int i = 0; i < times; i++) {
			this.throttle.recordFailure(key);
		}
	}

	private int failuresOf(String key) {
		return this.database.jdbc()
			.queryForObject("SELECT failures FROM login_throttle WHERE account_key = ?", Integer.class, key);
	}

}
