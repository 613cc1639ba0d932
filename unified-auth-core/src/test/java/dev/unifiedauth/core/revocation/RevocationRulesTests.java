package dev.unifiedauth.core.revocation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.unifiedauth.core.policy.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RevocationRulesTests {

	private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

	private static final Instant LATER = NOW.plus(Duration.ofMinutes(5));

	private final RevocationRules rules = new RevocationRules(100);

	private static TokenFacts agentToken(String jti, String task, Instant issuedAt) {
		return new TokenFacts(jti, "usr-alice-001", task, Set.of("analysis-agent-002", "scheduling-agent-001"),
				issuedAt);
	}

	@Test
	void aTokenRuleRevokesThatTokenOnly() {
		this.rules.update(List.of(RevocationRule.token("jti-1", NOW, LATER).withSeq(1)), NOW);

		assertThat(this.rules.check(agentToken("jti-1", "task-abc", NOW), NOW)).contains(Reason.REVOKED);
		assertThat(this.rules.check(agentToken("jti-2", "task-abc", NOW), NOW)).isEmpty();
	}

	@Test
	void aTaskRuleRevokesEveryTokenOfThatHumansTaskAndNoOther() {
		this.rules.update(List.of(RevocationRule.task("usr-alice-001", "task-abc", Reason.REVOKED, NOW, LATER)
			.withSeq(1)), NOW);

		assertThat(this.rules.check(agentToken("depth-1", "task-abc", NOW), NOW)).contains(Reason.REVOKED);
		assertThat(this.rules.check(agentToken("depth-2", "task-abc", NOW), NOW)).contains(Reason.REVOKED);
		assertThat(this.rules.check(agentToken("other-task", "task-xyz", NOW), NOW)).isEmpty();
		TokenFacts bobsTask = new TokenFacts("bob", "usr-bob-002", "task-abc", Set.of("scheduling-agent-001"), NOW);
		assertThat(this.rules.check(bobsTask, NOW)).isEmpty();
	}

	@Test
	void aTaskDeadlineTakesEffectAtTheDeadlineWithReasonExpired() {
		Instant deadline = NOW.plusSeconds(30);
		this.rules.update(List.of(RevocationRule.task("usr-alice-001", "task-abc", Reason.EXPIRED, deadline, LATER)
			.withSeq(1)), NOW);

		assertThat(this.rules.check(agentToken("t", "task-abc", NOW), deadline.minusMillis(1))).isEmpty();
		assertThat(this.rules.check(agentToken("t", "task-abc", NOW), deadline)).contains(Reason.EXPIRED);
	}

	@Test
	void aSubjectRuleRevokesTokensIssuedUntilTheAccountWasDisabledButNotLaterOnes() {
		this.rules.update(List.of(RevocationRule.subject("usr-alice-001", NOW, LATER).withSeq(1)), NOW);

		assertThat(this.rules.check(agentToken("before", "task-abc", NOW.minusSeconds(30)), NOW))
			.contains(Reason.REVOKED);
		assertThat(this.rules.check(agentToken("after", "task-abc", NOW.plusSeconds(1)), NOW)).isEmpty();
	}

	@Test
	void aClientRuleRevokesTokensNamingTheClientAnywhereInTheChain() {
		this.rules.update(List.of(RevocationRule.client("scheduling-agent-001", NOW, LATER).withSeq(1)), NOW);

		assertThat(this.rules.check(agentToken("depth-2", "task-abc", NOW.minusSeconds(30)), NOW))
			.contains(Reason.REVOKED);
		TokenFacts unrelated = new TokenFacts("web", "usr-alice-001", null, Set.of("demo-web"), NOW.minusSeconds(30));
		assertThat(this.rules.check(unrelated, NOW)).isEmpty();
	}

	@Test
	void rulesAreForgottenOnceEveryTokenTheyMatchHasExpired() {
		this.rules.update(List.of(RevocationRule.token("jti-1", NOW, NOW.plusSeconds(10)).withSeq(1)), NOW);
		assertThat(this.rules.size()).isEqualTo(1);

		this.rules.update(List.of(), NOW.plusSeconds(10));

		assertThat(this.rules.size()).isZero();
	}

	@Test
	void theSameRuleDeliveredTwiceIsKeptOnce() {
		RevocationRule rule = RevocationRule.token("jti-1", NOW, LATER).withSeq(7);

		assertThat(this.rules.update(List.of(rule), NOW)).isEqualTo(1);
		assertThat(this.rules.update(List.of(rule), NOW)).isZero();
		assertThat(this.rules.size()).isEqualTo(1);
	}

	@Test
	void rulesBeyondTheCapacityAreDroppedAndReportedUntilThereIsRoomAgain() {
		RevocationRules small = new RevocationRules(2);

		small.update(List.of(RevocationRule.token("a", NOW, NOW.plusSeconds(5)).withSeq(1),
				RevocationRule.token("b", NOW, LATER).withSeq(2), RevocationRule.token("c", NOW, LATER).withSeq(3)),
				NOW);

		assertThat(small.size()).isEqualTo(2);
		assertThat(small.overflowed()).isTrue();
		small.update(List.of(RevocationRule.token("c", NOW, LATER).withSeq(3)), NOW.plusSeconds(5));
		assertThat(small.overflowed()).isFalse();
		assertThat(small.check(agentToken("c", null, NOW), NOW.plusSeconds(5))).contains(Reason.REVOKED);
	}

	@Test
	void aRuleSurvivesItsJsonForm() {
		RevocationRule rule = RevocationRule.task("usr-alice-001", "task-abc", Reason.EXPIRED, NOW, LATER).withSeq(42);

		assertThat(RevocationRule.fromMap(rule.toMap())).isEqualTo(rule);
	}

	@Test
	void malformedRulesAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> RevocationRule.fromMap(Map.of("seq", 1)));
		assertThatIllegalArgumentException().isThrownBy(() -> RevocationRule.fromMap(Map.of("seq", 1, "kind",
				"token", "reason", "revoked", "effective_at", "yesterday", "retain_until", LATER.toString())));
		assertThatIllegalArgumentException().isThrownBy(() -> RevocationRule.fromMap(Map.of("seq", 1, "kind",
				"task", "sub", "usr-alice-001", "reason", "revoked", "effective_at", NOW.toString(), "retain_until",
				LATER.toString())));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RevocationRule.task("usr-alice-001", "t", Reason.ALLOWED, NOW, LATER));
	}

	@Test
	void tokenFactsComeFromTheClaimsOfAnAgentToken() {
		Map<String, Object> claims = Map.of("jti", "j", "sub", "usr-alice-001", "client_id", "analysis-agent-002",
				"task_id", "task-abc", "iat", NOW, "act",
				Map.of("sub", "analysis-agent-002", "act", Map.of("sub", "scheduling-agent-001")));

		TokenFacts facts = TokenFacts.fromClaims(claims);

		assertThat(facts.clients()).containsExactlyInAnyOrder("analysis-agent-002", "scheduling-agent-001");
		assertThat(facts.taskId()).isEqualTo("task-abc");
		assertThat(facts.issuedAt()).isEqualTo(NOW);
		assertThatIllegalArgumentException().isThrownBy(() -> TokenFacts.fromClaims(Map.of("sub", "x", "iat", NOW)));
	}

}
