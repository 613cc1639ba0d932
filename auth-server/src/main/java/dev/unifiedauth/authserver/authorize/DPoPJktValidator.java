package dev.unifiedauth.authserver.authorize;

import java.util.function.Consumer;
import java.util.regex.Pattern;

import dev.unifiedauth.authserver.dpop.DPoPCodeBinding;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * Checks the form of the optional {@code dpop_jkt} authorization request parameter (RFC 9449 §10): one JWK
 * SHA-256 thumbprint (RFC 7638), i.e. exactly 43 base64url characters. Anything else, or the parameter given
 * twice, is {@code invalid_request}, redirected to the client (the redirect URI was validated first). The code
 * issued for a request that carries it can only be redeemed with a DPoP proof of that key
 * ({@link DPoPCodeBinding}).
 */
public final class DPoPJktValidator implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	private static final Pattern THUMBPRINT = Pattern.compile("[A-Za-z0-9_-]{43}");

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		Object jkt = request.getAdditionalParameters().get(DPoPCodeBinding.PARAMETER);
		if (jkt != null && !(jkt instanceof String value && THUMBPRINT.matcher(value).matches())) {
			OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
					"dpop_jkt must be one base64url JWK SHA-256 thumbprint",
					"https://datatracker.ietf.org/doc/html/rfc9449#section-10");
			throw AuthorizationRequestErrors.redirectingError(error, request, context.getRegisteredClient());
		}
	}

}
