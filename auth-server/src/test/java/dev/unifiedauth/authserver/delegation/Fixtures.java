package dev.unifiedauth.authserver.delegation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.unifiedauth.authserver.UnifiedAuthProperties;
import dev.unifiedauth.authserver.resources.ResourceServers;
import dev.unifiedauth.core.policy.PermissionPolicy;
import dev.unifiedauth.core.policy.PolicyLoader;
import dev.unifiedauth.core.token.ActorChain;
import dev.unifiedauth.core.token.DelegationGrant;

/**
 * Builders for delegation tests: the demo policy, one resource server owning every demo resource, and grants.
 */
final class Fixtures {

	static final String RS = "http://localhost:8081";

	static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

	static final Set<String> ALICE_SCOPES = Set.of("documents:read", "documents:create", "documents:update",
			"documents:delete", "users:read", "users:update", "users:delete", "payments:read", "payments:create",
			"audit:read");

	private Fixtures() {
	}

	static PermissionPolicy policy() {
		return PolicyLoader.load(Fixtures.class.getResourceAsStream("/dev/unifiedauth/core/policy/default-policy.yaml"),
				"default-policy.yaml");
	}

	static ResourceServers resourceServers() {
		return new ResourceServers(new UnifiedAuthProperties("http://localhost:9000", null, null, null,
				List.of(new UnifiedAuthProperties.ResourceServer(RS, List.of("documents", "users", "payments", "audit")))));
	}

	static Attenuation attenuation() {
		return new Attenuation(policy(), resourceServers(), Duration.ofMinutes(5), 4);
	}

	/** Alice's own access token: every demo scope, for the demo resource server, 15 minutes left. */
	static DelegationGrant alice() {
		return new DelegationGrant("usr-alice-001", ActorChain.empty(), ALICE_SCOPES, List.of(RS), null, false, null,
				NOW.plus(Duration.ofMinutes(15)), null);
	}

}
