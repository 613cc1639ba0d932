package dev.unifiedauth.authserver.audit;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.unifiedauth.authserver.delegation.DelegationRefusal;
import dev.unifiedauth.authserver.delegation.PresentedToken;
import dev.unifiedauth.authserver.delegation.PresentedTokens;
import dev.unifiedauth.core.audit.AuditEvent;
import dev.unifiedauth.core.audit.AuditSink;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records every request to the revocation endpoint (RFC 7009) as {@code token.revoked}: {@code revoked} with the
 * token's {@code jti}, chain and task when the caller held a current token; {@code ignored} when there was nothing
 * to revoke (an unknown or inactive token, §2.2 still answers 200, or another client's agent token);
 * {@code refused} when the revocation provider refused (§2.2.1). The revocation and its entry are one
 * transaction: if the entry cannot be written nothing is revoked and the client gets 503, and retries. Wraps the
 * revocation provider. Thread-safe.
 */
public final class AuditedRevocation implements AuthenticationProvider {

	static final String TYPE = "token.revoked";

	private final AuthenticationProvider delegate;

	private final PresentedTokens presentedTokens;

	private final OAuth2AuthorizationService authorizations;

	private final AuditSink audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	public AuditedRevocation(AuthenticationProvider delegate, PresentedTokens presentedTokens,
			OAuth2AuthorizationService authorizations, AuditSink audit, TransactionTemplate transactions, Clock clock) {
		this.delegate = delegate;
		this.presentedTokens = presentedTokens;
		this.authorizations = authorizations;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2TokenRevocationAuthenticationToken request = (OAuth2TokenRevocationAuthenticationToken) authentication;
		RegisteredClient caller = (request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client)
				? client.getRegisteredClient() : null;
		Target target = describe(request.getToken());
		try {
			return this.transactions.execute((status) -> {
				Authentication result = this.delegate.authenticate(authentication);
				if (target == null) {
					record(caller, null, "ignored", "unknown_token", request);
				}
				else if (caller == null || !target.heldBy(caller)) {
					record(caller, target, "ignored", "not_holder", request);
				}
				else {
					record(caller, target, "revoked", null, request);
				}
				return result;
			});
		}
		catch (OAuth2AuthenticationException ex) {
			record(caller, target, "refused", ex.getError().getErrorCode(), request);
			throw ex;
		}
	}

	/** What the token is, looked up without changing anything; {@code null} if this server has no such token. */
	private Target describe(String token) {
		try {
			PresentedToken presented = this.presentedTokens.verify(token, "token");
			return new Target(presented.jti(), presented.grant().chain().withRoot(presented.grant().subject()),
					(presented.grant().task() != null) ? presented.grant().task().value() : null, presented.clientId(),
					null, "access_token");
		}
		catch (DelegationRefusal ex) {
			OAuth2Authorization authorization = this.authorizations.findByToken(token, null);
			if (authorization == null) {
				return null;
			}
			OAuth2Authorization.Token<OAuth2AccessToken> accessToken = authorization.getAccessToken();
			Map<String, Object> claims = (accessToken != null) ? accessToken.getClaims() : null;
			boolean refresh = authorization.getRefreshToken() != null
					&& token.equals(authorization.getRefreshToken().getToken().getTokenValue());
			return new Target((claims != null && claims.get("jti") instanceof String jti) ? jti : null,
					List.of(authorization.getPrincipalName()), null, null, authorization.getRegisteredClientId(),
					refresh ? "refresh_token" : "access_token");
		}
	}

	private void record(RegisteredClient caller, Target target, String decision, String reason,
			OAuth2TokenRevocationAuthenticationToken request) {
		this.audit.record(AuditEvent.of(TYPE, this.clock.instant())
			.decision(decision, reason)
			.client((caller != null) ? caller.getClientId() : null)
			.chain((target != null) ? target.chain() : List.of())
			.task((target != null) ? target.taskId() : null)
			.jti((target != null) ? target.jti() : null)
			.detail("token_type", (target != null) ? target.tokenType() : null)
			.detail("token_type_hint", request.getTokenTypeHint())
			.build());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

	/**
	 * The token a revocation names.
	 *
	 * @param jti its identifier (for a refresh token, that of the access token issued with it)
	 * @param chain the human and agents it acts for, root first
	 * @param taskId its task, if any
	 * @param clientId the client holding it, if known by client id
	 * @param registeredClientId the registration holding it, if known by registration id
	 * @param tokenType {@code access_token} or {@code refresh_token}
	 */
	private record Target(String jti, List<String> chain, String taskId, String clientId, String registeredClientId,
			String tokenType) {

		boolean heldBy(RegisteredClient caller) {
			return caller.getClientId().equals(this.clientId) || caller.getId().equals(this.registeredClientId);
		}

	}

}
