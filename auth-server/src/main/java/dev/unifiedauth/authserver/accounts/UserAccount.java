package dev.unifiedauth.authserver.accounts;

import java.util.Set;

/**
 * A human who can log in.
 *
 * @param id stable identifier, the {@code sub} of every token issued for this human
 * @param email login name, lower-case
 * @param displayName name shown on pages
 * @param passwordHash encoded password ({@code {argon2}...})
 * @param enabled whether the account may log in
 * @param roles role names
 */
public record UserAccount(String id, String email, String displayName, String passwordHash, boolean enabled,
		Set<String> roles) {

	public UserAccount {
		email = normalizeEmail(email);
		roles = Set.copyOf(roles);
	}

	/** Emails are compared case-insensitively: stored and looked up lower-case, trimmed. */
	public static String normalizeEmail(String email) {
		return (email != null) ? email.trim().toLowerCase(java.util.Locale.ROOT) : null;
	}

}
