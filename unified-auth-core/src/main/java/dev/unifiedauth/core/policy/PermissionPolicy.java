package dev.unifiedauth.core.policy;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The loaded policy: resources with the tier of each action, and what each role grants. Immutable and
 * thread-safe. An operation the policy does not name is FORBIDDEN (strict by default).
 */
public final class PermissionPolicy {

	private final Map<String, ResourcePolicy> resources;

	private final Map<String, Set<Operation>> roles;

	PermissionPolicy(Map<String, ResourcePolicy> resources, Map<String, Set<Operation>> roles) {
		this.resources = Map.copyOf(resources);
		this.roles = Map.copyOf(roles);
	}

	/** The tier of {@code operation}; FORBIDDEN for operations the policy does not name. */
	public Tier tierOf(Operation operation) {
		ResourcePolicy resource = this.resources.get(operation.resource());
		return (resource != null) ? resource.tierOf(operation.action()).orElse(Tier.FORBIDDEN) : Tier.FORBIDDEN;
	}

	/** The tier of a scope; empty for scopes that are not operations (identity scopes). */
	public Optional<Tier> tierOfScope(String scope) {
		return Operation.parse(scope).map(this::tierOf);
	}

	public boolean isForbidden(String scope) {
		return tierOfScope(scope).map((tier) -> tier == Tier.FORBIDDEN).orElse(false);
	}

	public boolean knowsResource(String resource) {
		return this.resources.containsKey(resource);
	}

	public Set<String> resourceNames() {
		return new TreeSet<>(this.resources.keySet());
	}

	/** Every operation the policy names explicitly, in scope form, sorted. */
	public Set<String> operationScopes() {
		Set<String> scopes = new TreeSet<>();
		this.resources.values().forEach((resource) -> resource.actions().forEach(
				(action, tier) -> scopes.add(new Operation(resource.name(), action).toString())));
		return scopes;
	}

	/** The union of what {@code roleNames} grant, in scope form, sorted. */
	public Set<String> grantsOf(Collection<String> roleNames) {
		Set<String> granted = new TreeSet<>();
		for (String role : roleNames) {
			this.roles.getOrDefault(role, Set.of()).forEach((operation) -> granted.add(operation.toString()));
		}
		return granted;
	}

	public Set<String> roleNames() {
		return new TreeSet<>(this.roles.keySet());
	}

	/**
	 * One resource: the tier of each named action and, optionally, the tier of every other action.
	 *
	 * @param name resource name
	 * @param actions tier per named action
	 * @param otherActions tier of actions not named; {@code null} means they do not exist (FORBIDDEN)
	 */
	record ResourcePolicy(String name, Map<String, Tier> actions, Tier otherActions) {

		ResourcePolicy {
			actions = Map.copyOf(actions);
		}

		Optional<Tier> tierOf(String action) {
			Tier tier = this.actions.get(action);
			return Optional.ofNullable((tier != null) ? tier : this.otherActions);
		}

	}

}
