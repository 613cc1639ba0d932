package dev.unifiedauth.authserver.accounts;

import java.util.Collection;
import java.util.Set;

import dev.unifiedauth.core.policy.PermissionPolicy;

import org.springframework.stereotype.Component;

/**
 * What roles grant a human, as {@code resource:action} scopes: the {@code roles} section of the permission policy
 * file that both servers load (humans' role membership is in the database, what a role grants is in the policy).
 * Immutable and thread-safe.
 */
@Component
public final class RoleGrants {

	private final PermissionPolicy policy;

	public RoleGrants(PermissionPolicy policy) {
		this.policy = policy;
	}

	/** The union of the scopes granted by {@code roles}. */
	public Set<String> scopesFor(Collection<String> roles) {
		return this.policy.grantsOf(roles);
	}

}
