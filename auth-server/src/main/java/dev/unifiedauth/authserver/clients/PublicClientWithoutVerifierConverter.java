package dev.unifiedauth.authserver.clients;

import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.util.StringUtils;

/**
 * Identifies a public client that redeems a code without {@code code_verifier}. Spring's
 * {@code PublicClientAuthenticationConverter} only recognises a public client's token request when the
 * verifier is present, so without it no client was identified and the answer was {@code 401 invalid_client};
 * a missing verifier is {@code invalid_grant} (OAuth 2.1 §4.1.3). Placed last among the client authentication
 * converters: it only sees requests no other method claimed, and hands them to Spring's public-client provider,
 * which answers {@code invalid_grant} for a public client and {@code invalid_client} for a client that must
 * authenticate.
 */
public final class PublicClientWithoutVerifierConverter implements AuthenticationConverter {

	@Override
	public Authentication convert(HttpServletRequest request) {
		String clientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
		if (!AuthorizationGrantType.AUTHORIZATION_CODE.getValue()
			.equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))
				|| request.getParameter(OAuth2ParameterNames.CODE) == null
				|| request.getParameter(PkceParameterNames.CODE_VERIFIER) != null || !StringUtils.hasText(clientId)) {
			return null;
		}
		Map<String, Object> parameters = new HashMap<>();
		request.getParameterMap().forEach((name, values) -> {
			if (!OAuth2ParameterNames.CLIENT_ID.equals(name)) {
				parameters.put(name, (values.length == 1) ? values[0] : values);
			}
		});
		return new OAuth2ClientAuthenticationToken(clientId, ClientAuthenticationMethod.NONE, null, parameters);
	}

}
