package dev.unifiedauth.authserver.dpop;

import java.util.HashMap;
import java.util.Map;

import dev.unifiedauth.authserver.clients.ClientSettingNames;
import dev.unifiedauth.authserver.errors.OAuthErrors;
import dev.unifiedauth.core.dpop.DPoPProof;

import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Binds access tokens to the DPoP key of the request that asks for them: {@code cnf: {jkt}} with the RFC 7638
 * thumbprint of the proof key verified by {@link DPoPTokenRequestFilter} (RFC 9449 §6.1). Spring then answers
 * {@code token_type: DPoP} (§5) because the token has {@code cnf.jkt}. As a second line behind the filter, an
 * access token for a client that requires DPoP is never issued without a proof, whatever grant asked for it
 * (§5.2). Not a bean of its own: Spring uses a single {@code OAuth2TokenCustomizer<JwtEncodingContext>} bean, into
 * which this is composed. Thread-safe (stateless).
 */
public final class DPoPTokenBinding implements OAuth2TokenCustomizer<JwtEncodingContext> {

	@Override
	public void customize(JwtEncodingContext context) {
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			return;
		}
		DPoPProof proof = currentProof();
		if (proof == null) {
			ClientSettings settings = context.getRegisteredClient().getClientSettings();
			if (ClientSettingNames.requiresDPoP(settings) || ClientSettingNames.requiresDPoPNonce(settings)) {
				// RFC 9449 §5.2: dpop_bound_access_tokens
				throw OAuthErrors.exception(OAuth2ErrorCodes.INVALID_DPOP_PROOF, "This client must send a DPoP proof");
			}
			return;
		}
		Map<String, Object> confirmation = new HashMap<>(); // mutable: Spring stores claims as allow-listed JSON
		confirmation.put("jkt", proof.jkt());
		context.getClaims().claim("cnf", confirmation); // RFC 9449 §6.1
	}

	/**
	 * The DPoP proof verified for the current request at the token endpoint, or {@code null} if it carried none.
	 * For grants that need the proof key (token exchange of a DPoP-bound subject token).
	 */
	public static DPoPProof currentProof() {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request == null) {
			return null;
		}
		Object proof = request.getAttribute(DPoPProof.REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		return (proof instanceof DPoPProof verified) ? verified : null;
	}

}
