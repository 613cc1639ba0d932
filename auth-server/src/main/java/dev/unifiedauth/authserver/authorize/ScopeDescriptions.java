package dev.unifiedauth.authserver.authorize;

import java.util.Map;

import dev.unifiedauth.authserver.resources.ResourceScope;

/**
 * Human-readable descriptions of scopes for the consent page.
 */
final class ScopeDescriptions {

	private static final Map<String, String> IDENTITY = Map.of("openid", "Confirm who you are (sign-in)", "profile",
			"See your name", "email", "See your email address");

	private ScopeDescriptions() {
	}

	static String describe(String scope) {
		String identity = IDENTITY.get(scope);
		if (identity != null) {
			return identity;
		}
		return ResourceScope.parse(scope)
			.map((parsed) -> capitalize(parsed.action()) + " your " + parsed.resource()
					+ (parsed.writes() ? " (changes data)" : ""))
			.orElse(scope);
	}

	private static String capitalize(String word) {
		return Character.toUpperCase(word.charAt(0)) + word.substring(1);
	}

}
