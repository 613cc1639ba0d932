package dev.unifiedauth.authserver.revocation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.unifiedauth.core.testing.MutableClock;
import dev.unifiedauth.authserver.testing.OnEveryDatabase;
import dev.unifiedauth.authserver.testing.TestDatabase;
import dev.unifiedauth.core.policy.Reason;
import dev.unifiedauth.core.revocation.RevocationLog;
import dev.unifiedauth.core.revocation.RevocationRule;
import dev.unifiedauth.core.revocation.TokenFacts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The revocation log on each supported database: the feed's order, cursor and commit window; the check of a
 * token against the rules; and forgetting rules once their tokens have all expired.
 */
@OnEveryDatabase
class JdbcRevocationLogTests {

	private static final Instant NOW = MutableClock.START;

	private final TestDatabase database;

	private JdbcRevocationLog log;

	JdbcRevocationLogTests(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void freshlyMigratedDatabase() {
		this.database.reset();
		this.log = new JdbcRevocationLog(this.database.jdbc(), Duration.ofSeconds(2));
	}

	@Test
	void sinceWhenReadFromTheStartThenEveryRuleInForceInOrderWithTheCursorAtTheLast() {
		this.log.append(List.of(RevocationRule.token("jti-1", NOW, NOW.plusSeconds(300)),
				RevocationRule.task("usr-alice-001", "task-abc", Reason.REVOKED, NOW, NOW.plusSeconds(300)),
				RevocationRule.token("expired", NOW.minusSeconds(600), NOW.minusSeconds(1))), NOW.minusSeconds(600));

		RevocationLog.Page page = this.log.since(0, NOW, 10);

		assertThat(page.rules()).extracting(RevocationRule::kind)
			.containsExactly(RevocationRule.Kind.TOKEN, RevocationRule.Kind.TASK);
		assertThat(page.next()).isEqualTo(page.rules().get(1).seq());
		assertThat(page.more()).isFalse();
	}

	@Test
	void sinceWhenTheReaderHasSeenEverythingThenOnlyRulesRecordedWithinTheCommitWindowAreServedAgain() {
		this.log.append(List.of(RevocationRule.token("old", NOW, NOW.plusSeconds(300))), NOW.minusSeconds(10));
		this.log.append(List.of(RevocationRule.token("recent", NOW, NOW.plusSeconds(300))), NOW.minusSeconds(1));
		long cursor = this.log.since(0, NOW, 10).next();

		assertThat(this.log.since(cursor, NOW, 10).rules()).extracting(RevocationRule::jti).containsExactly("recent");
		assertThat(this.log.since(cursor, NOW.plusSeconds(5), 10).rules()).isEmpty();
	}

	@Test
	void sinceWhenMoreRulesThanTheLimitThenAPageAndTheCursorToContinueFrom() {
		for (int i = 0; i < 5; i++) {
			this.log.append(List.of(RevocationRule.token("jti-" + i, NOW, NOW.plusSeconds(300))), NOW.minusSeconds(60));
		}

		RevocationLog.Page first = this.log.since(0, NOW, 3);
		RevocationLog.Page rest = this.log.since(first.next(), NOW, 3);

		assertThat(first.rules()).hasSize(3);
		assertThat(first.more()).isTrue();
		assertThat(rest.rules()).extracting(RevocationRule::jti).containsExactly("jti-3", "jti-4");
		assertThat(rest.more()).isFalse();
	}

	@Test
	void checkWhenARuleMatchesTheTokenThenItsReasonAndOtherwiseNothing() {
		this.log.append(List.of(RevocationRule.task("usr-alice-001", "task-abc", Reason.EXPIRED, NOW.plusSeconds(30),
				NOW.plusSeconds(300)), RevocationRule.client("scheduling-agent-001", NOW, NOW.plusSeconds(300))), NOW);
		TokenFacts taskToken = new TokenFacts("a", "usr-alice-001", "task-abc", Set.of("analysis-agent-002"),
				NOW.plusSeconds(10));
		TokenFacts chainToken = new TokenFacts("b", "usr-bob-002", "task-x",
				Set.of("analysis-agent-002", "scheduling-agent-001"), NOW.minusSeconds(10));
		TokenFacts unrelated = new TokenFacts("c", "usr-bob-002", "task-abc", Set.of("analysis-agent-002"), NOW);

		assertThat(this.log.check(taskToken, NOW.plusSeconds(29))).isEmpty();
		assertThat(this.log.check(taskToken, NOW.plusSeconds(30))).contains(Reason.EXPIRED);
		assertThat(this.log.check(chainToken, NOW)).contains(Reason.REVOKED);
		assertThat(this.log.check(unrelated, NOW)).isEmpty();
	}

	@Test
	void forgetExpiredWhenEveryTokenARuleMatchesHasExpiredThenItIsDeleted() {
		this.log.append(List.of(RevocationRule.token("short", NOW, NOW.plusSeconds(10)),
				RevocationRule.token("long", NOW, NOW.plusSeconds(300))), NOW);

		assertThat(this.log.forgetExpired(NOW.plusSeconds(10))).isEqualTo(1);

		assertThat(this.log.since(0, NOW, 10).rules()).extracting(RevocationRule::jti).containsExactly("long");
	}

}
