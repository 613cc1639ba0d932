package dev.unifiedauth.authserver.accounts;

import java.util.List;

import dev.unifiedauth.authserver.testing.OnEveryDatabase;
import dev.unifiedauth.authserver.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RoleGrants} on each supported database.
 */
@OnEveryDatabase
class RoleGrantsTests {

	private final TestDatabase database;

	private RoleGrants grants;

	RoleGrantsTests(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void freshlyMigratedDatabase() {
		this.database.reset();
		this.grants = new RoleGrants(this.database.jdbc());
	}

	@Test
	void scopesForWhenSeveralRolesThenUnionWithoutDuplicatesInOrder() {
		this.grants.grant("viewer", List.of("users:read", "documents:read"));
		this.grants.grant("editor", List.of("documents:read", "documents:update"));
		this.grants.grant("auditor", List.of("audit:read"));

		assertThat(this.grants.scopesFor(List.of("viewer", "editor"))).containsExactly("documents:read",
				"documents:update", "users:read");
	}

	@Test
	void scopesForWhenNoRoleOrUnknownRoleThenNothing() {
		this.grants.grant("viewer", List.of("documents:read"));

		assertThat(this.grants.scopesFor(List.of())).isEmpty();
		assertThat(this.grants.scopesFor(List.of("nobody"))).isEmpty();
	}

	@Test
	void grantWhenRepeatedThenStoredOnce() {
		this.grants.grant("viewer", List.of("documents:read"));

		this.grants.grant("viewer", List.of("documents:read", "users:read"));
		this.grants.grant("viewer", List.of("documents:read", "users:read"));

		assertThat(this.database.jdbc().queryForObject("SELECT COUNT(*) FROM role_scope WHERE role = 'viewer'",
				Integer.class)).isEqualTo(2);
		assertThat(this.grants.scopesFor(List.of("viewer"))).containsExactly("documents:read", "users:read");
	}

	@Test
	void scopesForWhenRoleNamesDifferInCaseThenTheyAreDifferentRoles() {
		this.grants.grant("admin", List.of("users:delete"));

		assertThat(this.grants.scopesFor(List.of("ADMIN"))).isEmpty();
	}

}
