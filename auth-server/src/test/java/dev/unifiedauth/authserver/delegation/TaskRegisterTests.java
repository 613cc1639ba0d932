package dev.unifiedauth.authserver.delegation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.unifiedauth.core.testing.MutableClock;
import dev.unifiedauth.authserver.testing.OnEveryDatabase;
import dev.unifiedauth.authserver.testing.TestDatabase;
import dev.unifiedauth.core.token.ActorChain;
import dev.unifiedauth.core.token.DelegationGrant;
import dev.unifiedauth.core.token.TaskId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The task register and the delegated-token register's revocations on each supported database: a task starts
 * once, is revoked once, and its deadline only comes closer; revocation reaches every depth of a lineage, every
 * token rooted in a human's grant, every token of a task, and nothing else.
 */
@OnEveryDatabase
class TaskRegisterTests {

	private static final Instant NOW = MutableClock.START;

	private static final String ALICE = "usr-alice-001";

	private final TestDatabase database;

	private Tasks tasks;

	private DelegatedTokens tokens;

	TaskRegisterTests(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void freshlyMigratedDatabase() {
		this.database.reset();
		this.tasks = new Tasks(this.database.jdbc());
		this.tokens = new DelegatedTokens(this.database.jdbc());
	}

	@Test
	void findOrStartWhenTheTaskExistsThenItIsJoinedNotRestarted() {
		Tasks.Joined first = this.tasks.findOrStart(ALICE, "task-abc", "demo-backend", NOW.plusSeconds(60), NOW);
		Tasks.Joined second = this.tasks.findOrStart(ALICE, "task-abc", "other-client", null, NOW.plusSeconds(1));

		assertThat(first.started()).isTrue();
		assertThat(second.started()).isFalse();
		assertThat(second.task().startedBy()).isEqualTo("demo-backend");
		assertThat(second.task().deadline()).isEqualTo(NOW.plusSeconds(60));
		assertThat(this.tasks.findOrStart("usr-bob-002", "task-abc", "demo-backend", null, NOW).started()).isTrue();
	}

	@Test
	void revokeWhenCalledTwiceThenOnlyTheFirstCallRevokes() {
		this.tasks.findOrStart(ALICE, "task-abc", "demo-backend", null, NOW);

		assertThat(this.tasks.revoke(ALICE, "task-abc", ALICE, NOW)).isTrue();
		assertThat(this.tasks.revoke(ALICE, "task-abc", ALICE, NOW.plusSeconds(1))).isFalse();
		assertThat(this.tasks.find(ALICE, "task-abc").orElseThrow().revokedAt()).isEqualTo(NOW);
	}

	@Test
	void shortenDeadlineWhenLaterThanTheCurrentOneThenUnchanged() {
		this.tasks.findOrStart(ALICE, "task-abc", "demo-backend", NOW.plusSeconds(60), NOW);

		assertThat(this.tasks.shortenDeadline(ALICE, "task-abc", NOW.plusSeconds(120))).isFalse();
		assertThat(this.tasks.shortenDeadline(ALICE, "task-abc", NOW.plusSeconds(30))).isTrue();
		assertThat(this.tasks.find(ALICE, "task-abc").orElseThrow().deadline()).isEqualTo(NOW.plusSeconds(30));
	}

	@Test
	void revokeWithDescendantsWhenAMiddleTokenIsRevokedThenItsSubtreeDiesAndItsParentAndSiblingLive() {
		record("root", null, "grant-1", "task-abc");
		record("middle", "root", "grant-1", "task-abc");
		record("leaf", "middle", "grant-1", "task-abc");
		record("sibling", "root", "grant-1", "task-abc");

		List<DelegatedTokens.Revoked> revoked = this.tokens.revokeWithDescendants("middle", NOW);

		assertThat(revoked).extracting(DelegatedTokens.Revoked::jti).containsExactlyInAnyOrder("middle", "leaf");
		assertThat(live("root")).isTrue();
		assertThat(live("sibling")).isTrue();
		assertThat(this.tokens.revokeWithDescendants("middle", NOW)).as("idempotent").isEmpty();
	}

	@Test
	void revokeRootedInWhenAHumansGrantEndsThenOnlyTokensOfThatGrantDie() {
		record("a", null, "grant-1", "task-abc");
		record("b", "a", "grant-1", "task-abc");
		record("c", null, "grant-2", "task-abc");

		assertThat(this.tokens.revokeRootedIn("grant-1", NOW)).extracting(DelegatedTokens.Revoked::jti)
			.containsExactlyInAnyOrder("a", "b");
		assertThat(live("c")).isTrue();
	}

	@Test
	void revokeTaskWhenTokensOfOtherTasksAndExpiredOnesExistThenOnlyTheLiveTokensOfTheTaskAreCounted() {
		record("a", null, "grant-1", "task-abc");
		record("b", "a", "grant-1", "task-abc");
		record("other", null, "grant-1", "task-xyz");

		assertThat(this.tokens.liveTokensOfTask(ALICE, "task-abc", NOW)).isEqualTo(2);
		assertThat(this.tokens.revokeTask(ALICE, "task-abc", NOW)).isEqualTo(2);
		assertThat(this.tokens.revokeTask(ALICE, "task-abc", NOW)).isZero();
		assertThat(this.tokens.revokeTask(ALICE, "task-xyz", NOW.plus(Duration.ofHours(1)))).as("expired").isZero();
		assertThat(live("other")).isTrue();
	}

	private void record(String jti, String parent, String rootGrant, String task) {
		DelegationGrant grant = new DelegationGrant(ALICE, new ActorChain(List.of("scheduling-agent-001")),
				Set.of("documents:read"), List.of("http://localhost:8081"), null, false, new TaskId(task),
				NOW.plusSeconds(300), null);
		this.tokens.record(jti, grant, "scheduling-agent-001", parent, rootGrant, "jkt", NOW);
	}

	private boolean live(String jti) {
		return this.tokens.status(jti).orElseThrow().activeAt(NOW);
	}

}
