package dev.unifiedauth.authserver.audit;

import java.time.Clock;
import java.util.List;
import java.util.TreeSet;

import dev.unifiedauth.core.audit.AuditEvent;
import dev.unifiedauth.core.audit.AuditSink;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationToken;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records a human's answer on the consent page ({@code consent}: {@code granted} with the scopes, or
 * {@code denied}, RFC 6749 §4.1.2.1 {@code access_denied}), in the transaction that stores the consent and the
 * authorization, so that both happen or neither. A denial commits what Spring stored for it (the removal of the
 * pending authorization) before it is answered. Replaces Spring's consent provider. Thread-safe.
 */
public final class AuditedConsent implements AuthenticationProvider {

	static final String TYPE = "consent";

	private final OAuth2AuthorizationConsentAuthenticationProvider delegate;

	private final AuditSink audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	public AuditedConsent(OAuth2AuthorizationConsentAuthenticationProvider delegate, AuditSink audit,
			TransactionTemplate transactions, Clock clock) {
		this.delegate = delegate;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2AuthorizationConsentAuthenticationToken consent =
				(OAuth2AuthorizationConsentAuthenticationToken) authentication;
		Object outcome = this.transactions.execute((status) -> {
			try {
				Authentication result = this.delegate.authenticate(authentication);
				if (result instanceof OAuth2AuthorizationCodeRequestAuthenticationToken granted) {
					record(consent, "granted", null, String.join(" ", new TreeSet<>(granted.getScopes())));
				}
				return result;
			}
			catch (OAuth2AuthenticationException ex) {
				if (OAuth2ErrorCodes.ACCESS_DENIED.equals(ex.getError().getErrorCode())) {
					record(consent, "denied", OAuth2ErrorCodes.ACCESS_DENIED, null);
					return ex; // commit the removal of the pending authorization with the entry
				}
				throw ex;
			}
		});
		if (outcome instanceof OAuth2AuthenticationException denied) {
			throw denied;
		}
		return (Authentication) outcome;
	}

	private void record(OAuth2AuthorizationConsentAuthenticationToken consent, String decision, String reason,
			String scope) {
		String human = (consent.getPrincipal() instanceof Authentication principal) ? principal.getName() : null;
		this.audit.record(AuditEvent.of(TYPE, this.clock.instant())
			.decision(decision, reason)
			.client(consent.getClientId())
			.chain((human != null) ? List.of(human) : List.of())
			.detail("scope", scope)
			.build());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
