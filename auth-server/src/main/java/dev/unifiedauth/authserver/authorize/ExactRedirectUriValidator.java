package dev.unifiedauth.authserver.authorize;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.util.StringUtils;

/**
 * Requires the requested {@code redirect_uri} to be character-for-character one of the client's registered
 * URIs, except for the port of a loopback IP literal (OAuth 2.1 §2.3.1, §8.4.2; RFC 9700 §4.1.3). Spring's
 * validator compares loopback URIs after parsing and re-serialising them, which accepts
 * {@code HTTP://127.0.0.1/callback}, {@code http://127.0.0.1/callback?} and {@code http://127.0.0.1/callback#}
 * for {@code http://127.0.0.1/callback}. Runs after Spring's validator; a mismatch is an error page, never a
 * redirect. Thread-safe.
 */
public final class ExactRedirectUriValidator
		implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	/** Scheme and loopback IP literal, optional port, and the rest of the URI. */
	private static final Pattern LOOPBACK = Pattern
		.compile("(https?://(?:127(?:\\.[0-9]{1,3}){3}|\\[::1\\]))(?::[0-9]{1,5})?(/.*)?");

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		String requested = request.getRedirectUri();
		if (!StringUtils.hasText(requested)) {
			return; // Spring's validator decides whether it may be omitted
		}
		for (String registered : context.getRegisteredClient().getRedirectUris()) {
			if (registered.equals(requested) || sameExceptLoopbackPort(registered, requested)) {
				return;
			}
		}
		// OAuth 2.1 §4.1.2.1: do not redirect to an unverified URI
		OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
				"redirect_uri is not registered for this client",
				"https://datatracker.ietf.org/doc/html/rfc9700#section-4.1.3");
		throw new OAuth2AuthorizationCodeRequestAuthenticationException(error, null);
	}

	static boolean sameExceptLoopbackPort(String registered, String requested) {
		Matcher registeredParts = LOOPBACK.matcher(registered);
		Matcher requestedParts = LOOPBACK.matcher(requested);
		return registeredParts.matches() && requestedParts.matches()
				&& registeredParts.group(1).equals(requestedParts.group(1))
				&& Objects.equals(registeredParts.group(2), requestedParts.group(2));
	}

}
