package dev.unifiedauth.authserver.clients;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.authentication.AuthenticationConverter;

import dev.unifiedauth.authserver.errors.OAuthErrors;

/**
 * Refuses a request that authenticates its client in more than one way, e.g. HTTP Basic and a
 * {@code client_secret} in the body: "The client MUST NOT use more than one authentication method in each
 * request" (RFC 6749 §2.3; OAuth 2.1 §2.4). Placed first among the client authentication converters; answers
 * {@code null} for every other request so that the next converter takes it.
 */
public final class SingleAuthenticationMethodConverter implements AuthenticationConverter {

	@Override
	public Authentication convert(HttpServletRequest request) {
		int methods = 0;
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			methods++;
		}
		if (request.getParameter("client_secret") != null) {
			methods++;
		}
		if (request.getParameter("client_assertion") != null) {
			methods++;
		}
		if (methods > 1) {
			// RFC 6749 §2.3
			throw OAuthErrors.exception(OAuth2ErrorCodes.INVALID_REQUEST,
					"Use exactly one client authentication method per request");
		}
		return null;
	}

}
