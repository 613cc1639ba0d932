package dev.unifiedauth.authserver.delegation;

import dev.unifiedauth.authserver.errors.OAuthErrors;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

/**
 * A token exchange refused for a stated reason. Carries the RFC error code the client sees and a reason code
 * for the audit trail ({@code scope_exceeds_subject}, {@code cycle}, ...).
 */
public final class DelegationRefusal extends OAuth2AuthenticationException {

	private final String reason;

	DelegationRefusal(String errorCode, String reason, String description) {
		super(OAuthErrors.error(errorCode, description), description);
		this.reason = reason;
	}

	public String reason() {
		return this.reason;
	}

}
