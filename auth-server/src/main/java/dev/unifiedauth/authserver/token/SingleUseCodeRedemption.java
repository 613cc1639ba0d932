package dev.unifiedauth.authserver.token;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.unifiedauth.authserver.dpop.DPoPCodeBinding;
import dev.unifiedauth.authserver.revocation.RevokedTokens;
import dev.unifiedauth.core.audit.AuditEvent;
import dev.unifiedauth.core.audit.AuditSink;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes code redemption atomic and a reused code's revocation complete. Spring's provider reads the
 * authorization, checks that the code is still active, issues tokens and saves; two concurrent redemptions can
 * both see an active code. This decorator runs it in one transaction that first locks the authorization's row, so
 * the second redemption waits, then sees the code used and is refused.
 *
 * <p>OAuth 2.1 §4.1.3: when a used code comes back, the tokens issued for it are revoked. Spring marks them
 * revoked in its store; this decorator also ends the agent tokens exchanged from them and puts the access token
 * into the revocation feed, so that resource servers, which validate JWTs locally, refuse it too (security case
 * A08), and audits the reuse. A refusal commits what Spring saved before refusing (that revocation, or the
 * invalidation of a code presented by another client) instead of rolling it back. A code whose authorization
 * request named a DPoP key ({@code dpop_jkt}) is redeemed only with a proof of that key ({@link DPoPCodeBinding}).
 * Replaces Spring's provider in the token endpoint.
 */
public final class SingleUseCodeRedemption implements AuthenticationProvider {

	private final OAuth2AuthorizationCodeAuthenticationProvider delegate;

	private final OAuth2AuthorizationService authorizations;

	private final RevokedTokens revokedTokens;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final AuditSink audit;

	private final Clock clock;

	public SingleUseCodeRedemption(OAuth2AuthorizationCodeAuthenticationProvider delegate,
			OAuth2AuthorizationService authorizations, RevokedTokens revokedTokens, JdbcTemplate jdbc,
			TransactionTemplate transactions, AuditSink audit, Clock clock) {
		this.delegate = delegate;
		this.authorizations = authorizations;
		this.revokedTokens = revokedTokens;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2AuthorizationCodeAuthenticationToken redemption = (OAuth2AuthorizationCodeAuthenticationToken) authentication;
		Object outcome = this.transactions.execute((status) -> {
			List<String> locked = this.jdbc.query(
					"SELECT id FROM oauth2_authorization WHERE authorization_code_value = ? FOR UPDATE",
					(rs, row) -> rs.getString(1), redemption.getCode());
			OAuth2Authorization authorization = locked.isEmpty() ? null : this.authorizations.findById(locked.get(0));
			OAuth2Authorization reused = liveGrantOfUsedCode(authorization);
			if (authorization != null && reused == null && unused(authorization)
					&& isGrantsClient(redemption, authorization) && !DPoPCodeBinding.isProven(authorization)) {
				// RFC 9449 §10, before the code is used up; the refusal commits with its audit entry
				keyNotProven(authorization, clientId(redemption));
				return DPoPCodeBinding.refusal();
			}
			try {
				return this.delegate.authenticate(authentication);
			}
			catch (OAuth2AuthenticationException ex) {
				if (reused != null && revokedBySpring(reused.getId())) {
					revokeRest(reused, clientId(redemption));
				}
				return ex; // commit the revocation of a reused code's tokens
			}
		});
		if (outcome instanceof OAuth2AuthenticationException refused) {
			throw refused;
		}
		return (Authentication) outcome;
	}

	/** The grant, when its code was already redeemed and its access token is still live: a reuse to answer. */
	private static OAuth2Authorization liveGrantOfUsedCode(OAuth2Authorization authorization) {
		if (authorization == null || authorization.getAccessToken() == null) {
			return null;
		}
		OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
		boolean used = code != null && code.isInvalidated();
		return (used && !authorization.getAccessToken().isInvalidated()) ? authorization : null;
	}

	private static boolean unused(OAuth2Authorization authorization) {
		OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
		return code != null && !code.isInvalidated();
	}

	/** Whether Spring's provider revoked the grant's access token (and not refused for another reason). */
	private boolean revokedBySpring(String authorizationId) {
		OAuth2Authorization after = this.authorizations.findById(authorizationId);
		return after != null && after.getAccessToken() != null && after.getAccessToken().isInvalidated();
	}

	private void revokeRest(OAuth2Authorization grant, String clientId) {
		Instant now = this.clock.instant();
		int agentTokens = this.revokedTokens.grantRevoked(grant, now);
		Map<String, Object> claims = grant.getAccessToken().getClaims();
		this.audit.record(AuditEvent.of("token.revoked", now)
			.decision("revoked", "authorization_code_reuse")
			.chain(List.of(grant.getPrincipalName()))
			.client(clientId)
			.jti((claims != null && claims.get("jti") instanceof String jti) ? jti : null)
			.detail("token_type", "authorization_code")
			.detail("authorization_id", grant.getId())
			.detail("revoked_agent_tokens", String.valueOf(agentTokens))
			.build());
	}

	private static boolean isGrantsClient(OAuth2AuthorizationCodeAuthenticationToken redemption,
			OAuth2Authorization authorization) {
		return redemption.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
				&& client.getRegisteredClient() != null
				&& client.getRegisteredClient().getId().equals(authorization.getRegisteredClientId());
	}

	/** A code bound with {@code dpop_jkt} presented without a proof of that key: a stolen code, probably. */
	private void keyNotProven(OAuth2Authorization grant, String clientId) {
		this.audit.record(AuditEvent.of("dpop.proof", this.clock.instant())
			.decision("refused", "dpop_jkt_mismatch")
			.chain(List.of(grant.getPrincipalName()))
			.client(clientId)
			.detail("endpoint", "token")
			.detail("authorization_id", grant.getId())
			.build());
	}

	private static String clientId(OAuth2AuthorizationCodeAuthenticationToken redemption) {
		// Spring refuses a code presented by another client before it revokes anything: this is the grant's client
		return (redemption.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
				&& client.getRegisteredClient() != null) ? client.getRegisteredClient().getClientId() : null;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
