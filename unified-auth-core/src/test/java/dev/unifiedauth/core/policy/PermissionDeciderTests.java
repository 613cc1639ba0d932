package dev.unifiedauth.core.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import dev.unifiedauth.core.token.ActorChain;
import dev.unifiedauth.core.token.DelegationGrant;
import dev.unifiedauth.core.token.TaskId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tier table over the demo policy: every combination of tier, human or agent, scope present or absent,
 * read-only or not, resource scoped in or out, writing or not, with or without approval.
 */
class PermissionDeciderTests {

	private static final PermissionPolicy POLICY = PolicyLoader.load(
			PermissionDeciderTests.class.getResourceAsStream("/dev/unifiedauth/core/policy/default-policy.yaml"),
			"default-policy.yaml");

	private final PermissionDecider decider = new PermissionDecider(POLICY);

	@Test
	void decideWhenTheDemoChainAsksThenTheDemoAnswers() {
		DelegationGrant scheduling = agent(Set.of("documents:read", "documents:create", "documents:update",
				"documents:delete"), Set.of("documents"), false);
		assertThat(this.decider.decide(scheduling, Set.of(), op("documents:read"), false))
			.isEqualTo(new Decision(Decision.Effect.ALLOW, Tier.FREE, Reason.ALLOWED));
		assertThat(this.decider.decide(scheduling, Set.of(), op("documents:delete"), false))
			.isEqualTo(new Decision(Decision.Effect.REQUIRE_APPROVAL, Tier.SUPERVISED, Reason.APPROVAL_REQUIRED));
		assertThat(this.decider.decide(scheduling, Set.of(), op("users:read"), false))
			.isEqualTo(new Decision(Decision.Effect.DENY, Tier.FREE, Reason.NOT_IN_SCOPED_RESOURCES));
		DelegationGrant analysis = agent(Set.of("documents:read"), Set.of("documents"), true);
		assertThat(this.decider.decide(analysis, Set.of(), op("documents:read"), false).reason())
			.isEqualTo(Reason.ALLOWED);
		assertThat(this.decider.decide(analysis, Set.of(), op("documents:update"), false))
			.isEqualTo(new Decision(Decision.Effect.DENY, Tier.FREE, Reason.ATTENUATED_READ_ONLY));
	}

	@Test
	void decideWhenForbiddenThenDeniedForAgentsWhateverTheScopesButAllowedForAGrantingRole() {
		DelegationGrant everything = agent(Set.of("users:delete", "payments:create"), null, false);
		assertThat(this.decider.decide(everything, Set.of(), op("users:delete"), true).reason())
			.isEqualTo(Reason.FORBIDDEN);
		assertThat(this.decider.decide(human(Set.of("users:delete")), Set.of("admin"), op("users:delete"), false)
			.reason()).isEqualTo(Reason.ALLOWED);
		assertThat(this.decider.decide(human(Set.of("users:delete")), Set.of("viewer"), op("users:delete"), false)
			.reason()).isEqualTo(Reason.SCOPE_MISSING);
	}

	@Test
	void decideWhenUnknownOperationThenForbiddenForAgents() {
		assertThat(this.decider.decide(agent(Set.of("mail:send"), null, false), Set.of(), op("mail:send"), false)
			.reason()).isEqualTo(Reason.FORBIDDEN);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("combinations")
	void decideWhenCombinationThenExpectedEffectAndReason(String name, DelegationGrant token, Set<String> roles,
			Operation operation, boolean approved, Decision.Effect effect, Reason reason) {
		Decision decision = this.decider.decide(token, roles, operation, approved);
		assertThat(decision.effect()).isEqualTo(effect);
		assertThat(decision.reason()).isEqualTo(reason);
		assertThat(decision.tier()).isEqualTo(POLICY.tierOf(operation));
	}

	static Stream<Arguments> combinations() {
		// one operation per (tier, writes): read FREE/no-write, update FREE... see the demo policy
		List<String> operations = List.of("documents:read", "documents:update", "documents:delete", "users:update",
				"users:delete", "payments:create", "users:read");
		List<Arguments> rows = new ArrayList<>();
		for (String scope : operations) {
			Operation operation = op(scope);
			Tier tier = POLICY.tierOf(operation);
			for (boolean scopePresent : List.of(true, false)) {
				Set<String> scopes = scopePresent ? Set.of(scope) : Set.of("audit:read");
				// humans: role decides (admin grants all of these, viewer only the reads)
				for (String role : List.of("admin", "viewer")) {
					boolean granted = scopePresent && POLICY.grantsOf(Set.of(role)).contains(scope);
					rows.add(Arguments.of("human " + role + " " + scope + " scope=" + scopePresent, human(scopes),
							Set.of(role), operation, false, granted ? Decision.Effect.ALLOW : Decision.Effect.DENY,
							granted ? Reason.ALLOWED : Reason.SCOPE_MISSING));
				}
				for (boolean readOnly : List.of(false, true)) {
					for (String scoped : List.of("none", "in", "out")) {
						Set<String> scopedResources = switch (scoped) {
							case "in" -> Set.of(operation.resource());
							case "out" -> Set.of("audit");
							default -> null;
						};
						for (boolean approved : List.of(false, true)) {
							Decision.Effect effect;
							Reason reason;
							if (tier == Tier.FORBIDDEN) {
								effect = Decision.Effect.DENY;
								reason = Reason.FORBIDDEN;
							}
							else if (readOnly && operation.writes()) {
								effect = Decision.Effect.DENY;
								reason = Reason.ATTENUATED_READ_ONLY;
							}
							else if ("out".equals(scoped)) {
								effect = Decision.Effect.DENY;
								reason = Reason.NOT_IN_SCOPED_RESOURCES;
							}
							else if (!scopePresent) {
								effect = Decision.Effect.DENY;
								reason = Reason.SCOPE_MISSING;
							}
							else if (tier == Tier.FREE) {
								effect = Decision.Effect.ALLOW;
								reason = Reason.ALLOWED;
							}
							else {
								effect = approved ? Decision.Effect.ALLOW : Decision.Effect.REQUIRE_APPROVAL;
								reason = approved ? Reason.APPROVED : Reason.APPROVAL_REQUIRED;
							}
							rows.add(Arguments.of("agent " + scope + " scope=" + scopePresent + " readOnly=" + readOnly
									+ " scoped=" + scoped + " approved=" + approved,
									agent(scopes, scopedResources, readOnly), Set.of(), operation, approved, effect,
									reason));
						}
					}
				}
			}
		}
		return rows.stream();
	}

	static DelegationGrant human(Set<String> scopes) {
		return new DelegationGrant("usr-alice-001", ActorChain.empty(), scopes, List.of("http://localhost:8081"), null,
				false, null, Instant.now().plusSeconds(300), null);
	}

	static DelegationGrant agent(Set<String> scopes, Set<String> scopedResources, boolean readOnly) {
		return new DelegationGrant("usr-alice-001", new ActorChain(List.of("scheduling-agent-001")), scopes,
				List.of("http://localhost:8081"), scopedResources, readOnly, new TaskId("task-abc"),
				Instant.now().plusSeconds(300), null);
	}

	static Operation op(String scope) {
		return Operation.parse(scope).orElseThrow();
	}

}
