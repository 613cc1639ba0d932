package dev.unifiedauth.resourceserver.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import dev.unifiedauth.core.policy.Reason;
import dev.unifiedauth.core.revocation.RevocationRule;
import dev.unifiedauth.core.revocation.RevocationRules;
import dev.unifiedauth.core.revocation.TokenFacts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The resource server's view of revocations: what a poll brings in applies at once; when the feed has not been
 * read within the staleness bound, or did not fit in memory, every check fails closed.
 */
class RevocationStatusTests {

	private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

	private static final TokenFacts TOKEN = new TokenFacts("jti-1", "usr-alice-001", "task-abc",
			Set.of("scheduling-agent-001"), NOW);

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final Deque<Object> answers = new ArrayDeque<>();

	private final List<Long> cursors = new ArrayList<>();

	private RevocationStatus status(int capacity) {
		RevocationStatus.Feed feed = (after) -> {
			this.cursors.add(after);
			Object answer = this.answers.removeFirst();
			if (answer instanceof RuntimeException failure) {
				throw failure;
			}
			return (RevocationFeedClient.Page) answer;
		};
		return new RevocationStatus(feed, new RevocationRules(capacity), Clock.fixed(NOW, ZoneOffset.UTC),
				this.nanos::get, Duration.ofSeconds(1));
	}

	private static RevocationFeedClient.Page page(long next, boolean more, RevocationRule... rules) {
		return new RevocationFeedClient.Page(List.of(rules), next, more);
	}

	@Test
	void checkWhenAPollBroughtATaskRuleThenTheTokensOfThatTaskAreRevoked() {
		RevocationStatus status = status(10);
		this.answers.add(page(1, false));
		this.answers.add(page(2, false, RevocationRule.task("usr-alice-001", "task-abc", Reason.REVOKED, NOW,
				NOW.plusSeconds(300)).withSeq(2)));

		assertThat(status.poll()).isTrue();
		assertThat(status.check(TOKEN)).isEmpty();
		assertThat(status.poll()).isTrue();

		assertThat(status.check(TOKEN)).contains(Reason.REVOKED);
		assertThat(this.cursors).containsExactly(0L, 1L);
	}

	@Test
	void pollWhenTheServerHasMorePagesThenItReadsOnUntilTheLast() {
		RevocationStatus status = status(10);
		this.answers.add(page(1, true, RevocationRule.token("a", NOW, NOW.plusSeconds(60)).withSeq(1)));
		this.answers.add(page(2, false, RevocationRule.token("jti-1", NOW, NOW.plusSeconds(60)).withSeq(2)));

		status.poll();

		assertThat(this.cursors).containsExactly(0L, 1L);
		assertThat(status.check(TOKEN)).contains(Reason.REVOKED);
	}

	@Test
	void checkWhenNoPollHasCompletedYetThenItFailsClosed() {
		RevocationStatus status = status(10);

		assertThatExceptionOfType(RevocationStatus.StaleRevocationsException.class)
			.isThrownBy(() -> status.check(TOKEN));
	}

	@Test
	void checkWhenTheFeedFailsForLongerThanTheStalenessBoundThenItFailsClosedUntilAPollSucceeds() {
		RevocationStatus status = status(10);
		this.answers.add(page(1, false));
		status.poll();
		this.answers.add(new RevocationFeedClient.FeedUnavailableException("down"));
		this.nanos.addAndGet(Duration.ofMillis(900).toNanos());
		assertThat(status.poll()).isFalse();
		assertThat(status.check(TOKEN)).as("still within the bound").isEmpty();

		this.nanos.addAndGet(Duration.ofMillis(200).toNanos());

		assertThatExceptionOfType(RevocationStatus.StaleRevocationsException.class)
			.isThrownBy(() -> status.check(TOKEN));
		this.answers.add(page(1, false));
		status.poll();
		assertThat(status.check(TOKEN)).isEmpty();
	}

	@Test
	void checkWhenMoreRulesAreInForceThanFitInMemoryThenItFailsClosed() {
		RevocationStatus status = status(1);
		this.answers.add(page(2, false, RevocationRule.token("a", NOW, NOW.plusSeconds(60)).withSeq(1),
				RevocationRule.token("b", NOW, NOW.plusSeconds(60)).withSeq(2)));

		status.poll();

		assertThatExceptionOfType(RevocationStatus.StaleRevocationsException.class)
			.isThrownBy(() -> status.check(TOKEN));
	}

}
