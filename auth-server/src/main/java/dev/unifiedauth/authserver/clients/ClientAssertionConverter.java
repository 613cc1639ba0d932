package dev.unifiedauth.authserver.clients;

import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;

import com.nimbusds.jwt.JWTParser;
import jakarta.servlet.http.HttpServletRequest;

import dev.unifiedauth.authserver.errors.OAuthErrors;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.util.StringUtils;

/**
 * Reads a JWT client assertion ({@code client_assertion_type} + {@code client_assertion}, RFC 7521 §4.2) from a
 * request to the token, introspection or revocation endpoint. Replaces Spring's
 * {@code JwtClientAssertionAuthenticationConverter}, which requires {@code client_id} although RFC 7521 §4.2 makes
 * it optional (the Nimbus OAuth SDK does not send it): here the client is the assertion's {@code sub}
 * (RFC 7523 §3 item 2), and a {@code client_id} that is sent must be the same. Nothing is trusted yet; the
 * signature and every claim are checked by {@link PrivateKeyJwtAuthentication}. Answers {@code null} for requests
 * without an assertion, so the next converter takes them.
 */
public final class ClientAssertionConverter implements AuthenticationConverter {

	/** Spring's name for the JWT client assertion method, which its provider expects. */
	static final ClientAuthenticationMethod JWT_BEARER = new ClientAuthenticationMethod(
			ClientAssertionVerifier.ASSERTION_TYPE);

	@Override
	public Authentication convert(HttpServletRequest request) {
		String assertionType = request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION_TYPE);
		String assertion = request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION);
		if (assertionType == null && assertion == null) {
			return null;
		}
		if (!StringUtils.hasText(assertion)) {
			// RFC 7521 §4.2: client_assertion REQUIRED
			throw OAuthErrors.exception(OAuth2ErrorCodes.INVALID_REQUEST, "Parameter client_assertion is required");
		}
		if (!ClientAssertionVerifier.ASSERTION_TYPE.equals(assertionType)) {
			// RFC 7521 §4.2.1: an assertion of a type this server does not accept fails client authentication
			throw ClientAssertionVerifier
				.invalidClient("client_assertion_type must be " + ClientAssertionVerifier.ASSERTION_TYPE);
		}
		String clientId = subject(assertion);
		String requested = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
		if (requested != null && !requested.equals(clientId)) {
			// RFC 7521 §4.2: client_id, if sent, identifies the same client as the assertion
			throw ClientAssertionVerifier.invalidClient("client_id does not match the client assertion's sub");
		}
		return new OAuth2ClientAuthenticationToken(clientId, JWT_BEARER, assertion, codeGrantParameters(request));
	}

	/** The unverified {@code sub}: only used to look the client up; its keys then verify the assertion. */
	private static String subject(String assertion) {
		try {
			String subject = JWTParser.parse(assertion).getJWTClaimsSet().getSubject();
			if (StringUtils.hasText(subject)) {
				return subject;
			}
		}
		catch (ParseException | RuntimeException ex) {
			// answered below
		}
		throw ClientAssertionVerifier.invalidClient("The client assertion has no readable sub");
	}

	/**
	 * The parameters Spring's client authentication needs to check a confidential client's PKCE
	 * {@code code_verifier} (OAuth 2.1 §4.1.3): those of an authorization-code request, none otherwise.
	 */
	private static Map<String, Object> codeGrantParameters(HttpServletRequest request) {
		Map<String, Object> parameters = new HashMap<>();
		if (!AuthorizationGrantType.AUTHORIZATION_CODE.getValue()
			.equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))
				|| request.getParameter(OAuth2ParameterNames.CODE) == null) {
			return parameters;
		}
		request.getParameterMap().forEach((name, values) -> {
			if (!OAuth2ParameterNames.CLIENT_ASSERTION_TYPE.equals(name)
					&& !OAuth2ParameterNames.CLIENT_ASSERTION.equals(name)
					&& !OAuth2ParameterNames.CLIENT_ID.equals(name)) {
				parameters.put(name, (values.length == 1) ? values[0] : values);
			}
		});
		return parameters;
	}

}
