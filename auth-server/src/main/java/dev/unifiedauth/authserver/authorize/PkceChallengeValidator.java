package dev.unifiedauth.authserver.authorize;

import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * Checks the form of {@code code_challenge}; Spring already requires it (every client has
 * {@code requireProofKey}) and only accepts {@code S256}. An S256 challenge is BASE64URL(SHA-256(verifier)):
 * exactly 43 characters of the base64url alphabet (RFC 7636 §4.2), which also satisfies the
 * {@code 43*128unreserved} ABNF of OAuth 2.1 §4.1.1. Anything else is {@code invalid_request}, redirected to
 * the client (the redirect URI was validated first).
 */
public final class PkceChallengeValidator implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		Object challenge = request.getAdditionalParameters().get(PkceParameterNames.CODE_CHALLENGE);
		if (challenge == null) {
			return; // Spring's validator answers a missing challenge (RFC 7636 §4.4.1)
		}
		if (!(challenge instanceof String value) || !S256_CHALLENGE.matcher(value).matches()) {
			// RFC 7636 §4.2 + §4.4.1; OAuth 2.1 §4.1.1
			OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
					"code_challenge must be the 43-character base64url S256 challenge",
					"https://datatracker.ietf.org/doc/html/rfc7636#section-4.4.1");
			throw AuthorizationRequestErrors.redirectingError(error, request, context.getRegisteredClient());
		}
	}

}
