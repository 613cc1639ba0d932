package dev.unifiedauth.core.token;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DelegationGrantTests {

	@Test
	void fromClaimsWhenGivenToClaimsThenRoundTrips() {
		DelegationGrant grant = new DelegationGrant("usr-alice-001",
				new ActorChain(List.of("scheduling-agent-001", "analysis-agent-002")), Set.of("documents:read"),
				List.of("http://localhost:8081"), Set.of("documents"), true, new TaskId("task-abc"),
				Instant.parse("2026-11-28T10:05:00Z"), "reporting-agent-003");
		Map<String, Object> claims = grant.toClaims();
		claims.put("exp", grant.expiresAt());
		assertThat(DelegationGrant.fromClaims(claims)).isEqualTo(grant);
		assertThat(claims).containsEntry("scope", "documents:read").containsEntry("task_id", "task-abc")
			.containsEntry("read_only", true);
	}

	@Test
	void fromClaimsWhenHumanTokenThenEmptyChainNoTaskNotScoped() {
		DelegationGrant human = DelegationGrant.fromClaims(Map.of("sub", "usr-alice-001", "scope",
				"documents:read openid", "aud", "http://localhost:8081", "exp", 1795830000L));
		assertThat(human.chain().isEmpty()).isTrue();
		assertThat(human.task()).isNull();
		assertThat(human.scopedResources()).isNull();
		assertThat(human.readOnly()).isFalse();
		assertThat(human.scopes()).containsExactlyInAnyOrder("documents:read", "openid");
		assertThat(human.audience()).containsExactly("http://localhost:8081");
	}

	@Test
	void fromClaimsWhenScopeIsAnArrayOrSubMissingOrMayActMalformedThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> DelegationGrant
			.fromClaims(Map.of("sub", "u", "scope", List.of("documents:read"), "exp", 1L)));
		assertThatIllegalArgumentException().isThrownBy(() -> DelegationGrant.fromClaims(Map.of("exp", 1L)));
		assertThatIllegalArgumentException().isThrownBy(
				() -> DelegationGrant.fromClaims(Map.of("sub", "u", "exp", 1L, "may_act", "agent")));
		assertThatIllegalArgumentException().isThrownBy(
				() -> DelegationGrant.fromClaims(Map.of("sub", "u", "exp", 1L, "task_id", "bad task")));
	}

}
