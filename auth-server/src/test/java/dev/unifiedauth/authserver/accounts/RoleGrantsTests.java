package dev.unifiedauth.authserver.accounts;

import java.io.StringReader;
import java.util.List;

import dev.unifiedauth.core.policy.PolicyLoader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoleGrantsTests {

	private final RoleGrants grants = new RoleGrants(PolicyLoader.load(new StringReader("""
			resources:
			  documents: {read: FREE, update: FREE, delete: SUPERVISED}
			  users: {read: FREE}
			roles:
			  editor: [documents:read, documents:update]
			  viewer: [documents:read, users:read]
			"""), "policy.yaml"));

	@Test
	void scopesForWhenSeveralRolesThenTheSortedUnionWithoutDuplicates() {
		assertThat(this.grants.scopesFor(List.of("editor", "viewer"))).containsExactly("documents:read",
				"documents:update", "users:read");
	}

	@Test
	void scopesForWhenNoOrUnknownRolesThenNothing() {
		assertThat(this.grants.scopesFor(List.of())).isEmpty();
		assertThat(this.grants.scopesFor(List.of("admin", "Viewer"))).isEmpty();
	}

}
