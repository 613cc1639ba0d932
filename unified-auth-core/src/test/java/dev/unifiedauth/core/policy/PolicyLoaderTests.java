package dev.unifiedauth.core.policy;

import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PolicyLoaderTests {

	@Test
	void loadWhenDefaultPolicyThenDemoTiersAndRoles() {
		PermissionPolicy policy = PolicyLoader.load(
				PolicyLoaderTests.class.getResourceAsStream("/dev/unifiedauth/core/policy/default-policy.yaml"),
				"default-policy.yaml");
		assertThat(policy.tierOf(op("documents:read"))).isEqualTo(Tier.FREE);
		assertThat(policy.tierOf(op("documents:update"))).isEqualTo(Tier.FREE);
		assertThat(policy.tierOf(op("documents:delete"))).isEqualTo(Tier.SUPERVISED);
		assertThat(policy.tierOf(op("users:update"))).isEqualTo(Tier.SUPERVISED);
		assertThat(policy.tierOf(op("users:delete"))).isEqualTo(Tier.FORBIDDEN);
		assertThat(policy.tierOf(op("payments:create"))).isEqualTo(Tier.FORBIDDEN);
		assertThat(policy.tierOf(op("audit:read"))).isEqualTo(Tier.FREE);
		assertThat(policy.tierOf(op("audit:purge"))).isEqualTo(Tier.FORBIDDEN);
		assertThat(policy.grantsOf(List.of("viewer"))).containsExactly("documents:read", "users:read");
		assertThat(policy.grantsOf(List.of("admin"))).contains("payments:create", "users:delete").hasSize(10);
	}

	@Test
	void tierOfWhenOperationUnknownThenForbidden() {
		PermissionPolicy policy = load("resources:\n  documents:\n    read: FREE\n");
		assertThat(policy.tierOf(op("documents:delete"))).isEqualTo(Tier.FORBIDDEN);
		assertThat(policy.tierOf(op("mail:send"))).isEqualTo(Tier.FORBIDDEN);
		assertThat(policy.tierOfScope("openid")).isEmpty();
		assertThat(policy.isForbidden("mail:send")).isTrue();
		assertThat(policy.isForbidden("openid")).isFalse();
	}

	@Test
	void loadWhenYamlIsBrokenThenFileLineAndProblem() {
		assertProblem("resources:\n  documents:\n    read: FREE\n   delete: [\n", "policy.yaml:4:");
	}

	@Test
	void loadWhenTierIsUnknownThenFileLineAndTheTier() {
		assertProblem("resources:\n  documents:\n    read: FRE\n",
				"policy.yaml:3:11: unknown tier 'FRE' (expected FREE, SUPERVISED, FORBIDDEN)");
	}

	@Test
	void loadWhenRoleGrantsUnknownResourceThenFileLineAndTheResource() {
		assertProblem("resources:\n  documents:\n    read: FREE\nroles:\n  admin:\n    - mail:send\n",
				"policy.yaml:6:7: role 'admin' grants 'mail:send' of unknown resource 'mail'");
	}

	@Test
	void loadWhenRoleGrantsUnknownActionThenRefused() {
		assertProblem("resources:\n  documents:\n    read: FREE\nroles:\n  admin: [documents:delete]\n",
				"policy.yaml:5:11: role 'admin' grants 'documents:delete' but resource 'documents' has no action 'delete'");
	}

	@Test
	void loadWhenKeyDuplicatedOrSectionUnknownOrEmptyThenRefused() {
		assertProblem("resources:\n  documents:\n    read: FREE\n    read: FORBIDDEN\n", "policy.yaml:");
		assertProblem("resources:\n  documents:\n    read: FREE\nrolez: {}\n", "unknown section 'rolez'");
		assertProblem("", "policy.yaml: the policy file is empty");
		assertProblem("roles: {}\n", "no 'resources' section");
		assertProblem("resources: [documents]\n", "policy.yaml:1:12: resources must be a mapping");
	}

	private static void assertProblem(String yaml, String expected) {
		assertThatExceptionOfType(PolicyException.class).isThrownBy(() -> load(yaml))
			.withMessageContaining(expected);
	}

	private static PermissionPolicy load(String yaml) {
		return PolicyLoader.load(new StringReader(yaml), "policy.yaml");
	}

	private static Operation op(String scope) {
		return Operation.parse(scope).orElseThrow();
	}

}
