package dev.unifiedauth.authserver.delegation;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.unifiedauth.core.token.DelegationGrant;
import dev.unifiedauth.core.token.TaskId;
import org.junit.jupiter.api.Test;

import static dev.unifiedauth.authserver.delegation.Fixtures.ALICE_SCOPES;
import static dev.unifiedauth.authserver.delegation.Fixtures.NOW;
import static dev.unifiedauth.authserver.delegation.Fixtures.RS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AttenuationTests {

	private static final TaskId TASK = new TaskId("task-abc");

	private final Attenuation attenuation = Fixtures.attenuation();

	@Test
	void attenuateWhenAliceDelegatesDocumentsThenAgentHoldsDocumentsForTheTaskFiveMinutes() {
		DelegationGrant agent = this.attenuation.attenuate(Fixtures.alice(),
				request(null, List.of(), List.of("documents"), false, TASK), "scheduling-agent-001", ALICE_SCOPES, NOW);

		assertThat(agent.subject()).isEqualTo("usr-alice-001");
		assertThat(agent.chain().actors()).containsExactly("scheduling-agent-001");
		assertThat(agent.scopes()).containsExactlyInAnyOrder("documents:read", "documents:create",
				"documents:update", "documents:delete");
		assertThat(agent.scopedResources()).containsExactly("documents");
		assertThat(agent.audience()).containsExactly(RS);
		assertThat(agent.task()).isEqualTo(TASK);
		assertThat(agent.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
	}

	@Test
	void attenuateWhenSubDelegatedReadOnlyThenOnlyReadActionsAndTheChainGrows() {
		DelegationGrant scheduling = this.attenuation.attenuate(Fixtures.alice(),
				request(null, List.of(), List.of("documents"), false, TASK), "scheduling-agent-001", ALICE_SCOPES, NOW);
		DelegationGrant analysis = this.attenuation.attenuate(scheduling, request(null, List.of(), List.of(), true, null),
				"analysis-agent-002", ALICE_SCOPES, NOW.plusSeconds(10));

		assertThat(analysis.chain().actors()).containsExactly("scheduling-agent-001", "analysis-agent-002");
		assertThat(analysis.scopes()).containsExactly("documents:read");
		assertThat(analysis.readOnly()).isTrue();
		assertThat(analysis.task()).isEqualTo(TASK);
		assertThat(analysis.expiresAt()).isEqualTo(scheduling.expiresAt());
	}

	@Test
	void attenuateWhenNoScopeRequestedThenSubjectScopeMinusForbidden() {
		DelegationGrant agent = this.attenuation.attenuate(Fixtures.alice(), request(null, List.of(), List.of(), false, TASK),
				"scheduling-agent-001", ALICE_SCOPES, NOW);
		assertThat(agent.scopes()).doesNotContain("users:delete", "payments:create")
			.contains("documents:delete", "users:update", "audit:read");
	}

	@Test
	void attenuateWhenScopeWiderThanSubjectThenInvalidScope() {
		DelegationGrant bob = new DelegationGrant("usr-bob-002", Fixtures.alice().chain(), Set.of("documents:read"),
				List.of(RS), null, false, null, NOW.plusSeconds(600), null);
		assertRefused(() -> this.attenuation.attenuate(bob, request(Set.of("documents:update"), List.of(), List.of(),
				false, TASK), "scheduling-agent-001", ALICE_SCOPES, NOW), "invalid_scope", "scope_exceeds_subject");
	}

	@Test
	void attenuateWhenForbiddenScopeRequestedThenInvalidScope() {
		assertRefused(() -> this.attenuation.attenuate(Fixtures.alice(),
				request(Set.of("payments:create"), List.of(), List.of(), false, TASK), "scheduling-agent-001",
				ALICE_SCOPES, NOW), "invalid_scope", "scope_forbidden");
	}

	@Test
	void attenuateWhenActorClientNotRegisteredForScopeThenInvalidScope() {
		assertRefused(() -> this.attenuation.attenuate(Fixtures.alice(),
				request(Set.of("documents:update"), List.of(), List.of(), false, TASK), "scheduling-agent-001",
				Set.of("documents:read"), NOW), "invalid_scope", "scope_not_allowed_for_actor");
	}

	@Test
	void attenuateWhenWriteRequestedOnReadOnlyOrOutsideScopedResourcesThenInvalidScopeWithTheReason() {
		DelegationGrant readOnlyDocuments = this.attenuation.attenuate(Fixtures.alice(),
				request(null, List.of(), List.of("documents"), true, TASK), "scheduling-agent-001", ALICE_SCOPES, NOW);
		assertRefused(() -> this.attenuation.attenuate(readOnlyDocuments,
				request(Set.of("documents:update"), List.of(), List.of(), false, null), "analysis-agent-002",
				ALICE_SCOPES, NOW), "invalid_scope", "scope_exceeds_subject");
		DelegationGrant documentsOnly = this.attenuation.attenuate(Fixtures.alice(),
				request(null, List.of(), List.of("documents"), false, TASK), "scheduling-agent-001", ALICE_SCOPES, NOW);
		DelegationGrant wide = new DelegationGrant(documentsOnly.subject(), documentsOnly.chain(), ALICE_SCOPES,
				documentsOnly.audience(), documentsOnly.scopedResources(), true, TASK, documentsOnly.expiresAt(), null);
		assertRefused(() -> this.attenuation.attenuate(wide, request(Set.of("users:read"), List.of(), List.of(), false,
				null), "analysis-agent-002", ALICE_SCOPES, NOW), "invalid_scope", "not_in_scoped_resources");
		assertRefused(() -> this.attenuation.attenuate(wide, request(Set.of("documents:create"), List.of(), List.of(),
				false, null), "analysis-agent-002", ALICE_SCOPES, NOW), "invalid_scope", "attenuated_read_only");
	}

	@Test
	void attenuateWhenAudienceOrResourceUnknownUnreachableRelativeOrWithFragmentThenInvalidTarget() {
		assertTarget(request(null, List.of(), List.of("admin-api"), false, TASK));
		assertTarget(request(null, List.of("https://admin.example"), List.of(), false, TASK));
		assertTarget(request(null, List.of("/relative"), List.of(), false, TASK));
		assertTarget(request(null, List.of(RS + "#frag"), List.of(), false, TASK));
		assertTarget(request(null, List.of(RS, "https://admin.example"), List.of(), false, TASK));
	}

	@Test
	void attenuateWhenResourceGivenThenAudienceIsExactlyThatResource() {
		DelegationGrant agent = this.attenuation.attenuate(Fixtures.alice(), request(null, List.of(RS), List.of(), false,
				TASK), "scheduling-agent-001", ALICE_SCOPES, NOW);
		assertThat(agent.audience()).containsExactly(RS);
	}

	@Test
	void attenuateWhenReExchangedRepeatedlyThenExpiryNeverExtends() {
		DelegationGrant current = this.attenuation.attenuate(Fixtures.alice(), request(null, List.of(), List.of(), false,
				TASK), "scheduling-agent-001", ALICE_SCOPES, NOW);
		DelegationGrant first = current;
		for (int i = 1; i <= 10; i++) {
			current = this.attenuation.attenuate(current, request(null, List.of(), List.of(), false, null),
					"scheduling-agent-001", ALICE_SCOPES, NOW.plusSeconds(20L * i));
			assertThat(current.expiresAt()).isBeforeOrEqualTo(first.expiresAt());
			assertThat(current.chain()).isEqualTo(first.chain());
		}
	}

	@Test
	void attenuateWhenSubjectExpiresSoonerThanTheAgentTtlThenSubjectExpiryWins() {
		DelegationGrant shortLived = new DelegationGrant("usr-alice-001", Fixtures.alice().chain(), ALICE_SCOPES,
				List.of(RS), null, false, null, NOW.plusSeconds(30), null);
		assertThat(this.attenuation.attenuate(shortLived, request(null, List.of(), List.of(), false, TASK),
				"scheduling-agent-001", ALICE_SCOPES, NOW).expiresAt()).isEqualTo(NOW.plusSeconds(30));
	}

	@Test
	void attenuateWhenChainWouldExceedMaximumDepthOrCycleThenInvalidRequest() {
		DelegationGrant current = Fixtures.alice();
		for (int depth = 1; depth <= 4; depth++) {
			current = this.attenuation.attenuate(current, request(null, List.of(), List.of(), false,
					(depth == 1) ? TASK : null), "agent-" + depth, ALICE_SCOPES, NOW);
		}
		DelegationGrant full = current;
		assertRefused(() -> this.attenuation.attenuate(full, request(null, List.of(), List.of(), false, null), "agent-5",
				ALICE_SCOPES, NOW), "invalid_request", "depth_exceeded");
		assertRefused(() -> this.attenuation.attenuate(full, request(null, List.of(), List.of(), false, null), "agent-2",
				ALICE_SCOPES, NOW), "invalid_request", "cycle");
	}

	@Test
	void attenuateWhenTaskMissingForAHumanTokenOrChangedLaterThenInvalidRequest() {
		assertRefused(() -> this.attenuation.attenuate(Fixtures.alice(), request(null, List.of(), List.of(), false, null),
				"scheduling-agent-001", ALICE_SCOPES, NOW), "invalid_request", "task_missing");
		DelegationGrant agent = this.attenuation.attenuate(Fixtures.alice(), request(null, List.of(), List.of(), false,
				TASK), "scheduling-agent-001", ALICE_SCOPES, NOW);
		assertRefused(() -> this.attenuation.attenuate(agent, request(null, List.of(), List.of(), false,
				new TaskId("task-other")), "analysis-agent-002", ALICE_SCOPES, NOW), "invalid_request", "task_mismatch");
	}

	@Test
	void attenuateWhenMayActNamesAnotherAgentThenInvalidRequest() {
		DelegationGrant pinned = this.attenuation.attenuate(Fixtures.alice(),
				new DelegationRequest(null, List.of(), List.of(), false, TASK, "analysis-agent-002"),
				"scheduling-agent-001", ALICE_SCOPES, NOW);
		assertThat(pinned.mayAct()).isEqualTo("analysis-agent-002");
		assertRefused(() -> this.attenuation.attenuate(pinned, request(null, List.of(), List.of(), false, null),
				"rogue-agent", ALICE_SCOPES, NOW), "invalid_request", "may_act");
		assertThat(this.attenuation.attenuate(pinned, request(null, List.of(), List.of(), false, null),
				"analysis-agent-002", ALICE_SCOPES, NOW).chain().actors()).hasSize(2);
	}

	private void assertTarget(DelegationRequest request) {
		assertRefused(() -> this.attenuation.attenuate(Fixtures.alice(), request, "scheduling-agent-001", ALICE_SCOPES,
				NOW), "invalid_target", null);
	}

	private static void assertRefused(Runnable exchange, String error, String reason) {
		assertThatExceptionOfType(DelegationRefusal.class).isThrownBy(exchange::run).satisfies((refusal) -> {
			assertThat(refusal.getError().getErrorCode()).isEqualTo(error);
			if (reason != null) {
				assertThat(refusal.reason()).isEqualTo(reason);
			}
		});
	}

	private static DelegationRequest request(Set<String> scopes, List<String> resources, List<String> audiences,
			boolean readOnly, TaskId task) {
		return new DelegationRequest(scopes, resources, audiences, readOnly, task, null);
	}

}
