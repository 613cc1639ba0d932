package dev.unifiedauth.authserver.authorize;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.web.util.UriUtils;

/**
 * Bounds {@code state}. Every authorization response echoes it in the {@code Location} header, and a header
 * larger than the server (8 kB in Tomcat) or a proxy accepts turns the response into a 500 after the code was
 * issued. A state longer than {@value #MAX_ENCODED_LENGTH} characters once percent-encoded is refused with an
 * error page: it cannot be redirected back (OAuth 2.1 §4.1.2.1, §7.12). Runs before any validator that
 * redirects with the state. Thread-safe.
 */
public final class StateLengthValidator implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	static final int MAX_ENCODED_LENGTH = 2048;

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		String state = request.getState();
		if (state != null && UriUtils.encode(state, StandardCharsets.UTF_8).length() > MAX_ENCODED_LENGTH) {
			OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
					"state must not exceed " + MAX_ENCODED_LENGTH + " characters when URL-encoded", null);
			throw new OAuth2AuthorizationCodeRequestAuthenticationException(error, null); // no redirect
		}
	}

}
