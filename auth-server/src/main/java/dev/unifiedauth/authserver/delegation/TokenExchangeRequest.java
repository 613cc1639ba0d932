package dev.unifiedauth.authserver.delegation;

import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;

/**
 * A syntactically valid token-exchange request (RFC 8693 §2.1), as the converter read it. Immutable.
 */
public final class TokenExchangeRequest extends OAuth2AuthorizationGrantAuthenticationToken {

	private final String subjectToken;

	private final String actorToken;

	private final DelegationRequest delegation;

	TokenExchangeRequest(Authentication clientPrincipal, String subjectToken, String actorToken,
			DelegationRequest delegation, Map<String, Object> additionalParameters) {
		super(AuthorizationGrantType.TOKEN_EXCHANGE, clientPrincipal, additionalParameters);
		this.subjectToken = subjectToken;
		this.actorToken = actorToken;
		this.delegation = delegation;
	}

	public String subjectToken() {
		return this.subjectToken;
	}

	/** The actor's own identity token, or {@code null} when the requesting client is the actor. */
	public String actorToken() {
		return this.actorToken;
	}

	public DelegationRequest delegation() {
		return this.delegation;
	}

}
