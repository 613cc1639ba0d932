package dev.unifiedauth.authserver.resources;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A scope that names one operation on a resource: {@code resource:action}, e.g. {@code documents:read}.
 * Identity scopes such as {@code openid} are not resource scopes.
 *
 * @param resource the resource name
 * @param action the action name
 */
public record ResourceScope(String resource, String action) {

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

	/** Actions that do not change anything (contract: read, list, search). */
	private static final Set<String> NON_WRITING = Set.of("read", "list", "search");

	public ResourceScope {
		if (resource == null || !NAME.matcher(resource).matches() || action == null
				|| !NAME.matcher(action).matches()) {
			throw new IllegalArgumentException("Not a resource scope: " + resource + ":" + action);
		}
	}

	/** Parses {@code resource:action}; empty for identity scopes and anything else that is not of that form. */
	public static Optional<ResourceScope> parse(String scope) {
		if (scope == null) {
			return Optional.empty();
		}
		int colon = scope.indexOf(':');
		if (colon <= 0 || colon != scope.lastIndexOf(':')) {
			return Optional.empty();
		}
		String resource = scope.substring(0, colon);
		String action = scope.substring(colon + 1);
		if (!NAME.matcher(resource).matches() || !NAME.matcher(action).matches()) {
			return Optional.empty();
		}
		return Optional.of(new ResourceScope(resource, action));
	}

	public boolean writes() {
		return !NON_WRITING.contains(this.action);
	}

	@Override
	public String toString() {
		return this.resource + ":" + this.action;
	}

}
