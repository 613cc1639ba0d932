package dev.unifiedauth.core.policy;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One operation on a resource, written as the scope {@code resource:action} (e.g. {@code documents:read}).
 * Identity scopes such as {@code openid} are not operations. Immutable.
 *
 * @param resource the resource name
 * @param action the action name
 */
public record Operation(String resource, String action) {

	static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

	/** Actions that change nothing (contract: read, list, search). */
	private static final Set<String> NON_WRITING = Set.of("read", "list", "search");

	public Operation {
		if (resource == null || !NAME.matcher(resource).matches() || action == null
				|| !NAME.matcher(action).matches()) {
			throw new IllegalArgumentException("Not an operation: " + resource + ":" + action);
		}
	}

	/** Parses {@code resource:action}; empty for identity scopes and anything else not of that form. */
	public static Optional<Operation> parse(String scope) {
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
		return Optional.of(new Operation(resource, action));
	}

	/** Whether the action changes something: everything but read, list and search. */
	public boolean writes() {
		return !NON_WRITING.contains(this.action);
	}

	/** The scope form, {@code resource:action}. */
	@Override
	public String toString() {
		return this.resource + ":" + this.action;
	}

}
