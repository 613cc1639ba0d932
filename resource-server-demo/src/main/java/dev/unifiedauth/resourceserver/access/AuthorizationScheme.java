package dev.unifiedauth.resourceserver.access;

import java.util.Locale;

/**
 * The two ways an access token is presented in the {@code Authorization} header: {@code Bearer} (RFC 6750 §2.1)
 * and {@code DPoP} (RFC 9449 §7.1). Scheme names are case-insensitive (RFC 9110 §11.1).
 */
enum AuthorizationScheme {

	BEARER("Bearer"), DPOP("DPoP");

	private final String challengeName;

	AuthorizationScheme(String challengeName) {
		this.challengeName = challengeName;
	}

	/** The name as written in a {@code WWW-Authenticate} challenge. */
	String challengeName() {
		return this.challengeName;
	}

	/** The scheme of this name in any letter case, or {@code null} for any other scheme. */
	static AuthorizationScheme of(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return switch (lower) {
			case "bearer" -> BEARER;
			case "dpop" -> DPOP;
			default -> null;
		};
	}

}
