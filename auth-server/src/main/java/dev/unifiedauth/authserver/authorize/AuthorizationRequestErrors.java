package dev.unifiedauth.authserver.authorize;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.util.StringUtils;

/**
 * Builds the exception that makes the authorization endpoint answer with an error redirect to the (already
 * validated) redirect URI.
 */
final class AuthorizationRequestErrors {

	private AuthorizationRequestErrors() {
	}

	static OAuth2AuthorizationCodeRequestAuthenticationException redirectingError(OAuth2Error error,
			OAuth2AuthorizationCodeRequestAuthenticationToken request, RegisteredClient client) {
		String redirectUri = StringUtils.hasText(request.getRedirectUri()) ? request.getRedirectUri()
				: client.getRedirectUris().iterator().next();
		OAuth2AuthorizationCodeRequestAuthenticationToken result = new OAuth2AuthorizationCodeRequestAuthenticationToken(
				request.getAuthorizationUri(), request.getClientId(), (Authentication) request.getPrincipal(),
				redirectUri, request.getState(), request.getScopes(), request.getAdditionalParameters());
		result.setAuthenticated(true);
		return new OAuth2AuthorizationCodeRequestAuthenticationException(error, result);
	}

}
