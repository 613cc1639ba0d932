package dev.unifiedauth.authserver.token;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.unifiedauth.authserver.errors.OAuthErrors;
import dev.unifiedauth.authserver.revocation.RevokedTokens;
import dev.unifiedauth.core.audit.AuditEvent;
import dev.unifiedauth.core.audit.AuditSink;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refresh-token rotation with reuse detection (OAuth 2.1 §4.3.1, RFC 9700 §4.14.2). Every client is registered
 * with {@code reuseRefreshTokens=false}, so Spring's provider issues a new refresh token on each use; this
 * decorator (1) serialises uses of one grant by locking its row, so that of two concurrent uses exactly one
 * succeeds, (2) records the token it rotated out, and (3) when a rotated-out token comes back, revokes the
 * grant's current refresh and access tokens and every agent token rooted in the grant: the legitimate client and
 * the attacker both lose the grant.
 * Replaces Spring's provider in the token endpoint.
 */
public final class RefreshTokenRotation implements AuthenticationProvider {

	private static final Log logger = LogFactory.getLog(RefreshTokenRotation.class);

	private final OAuth2RefreshTokenAuthenticationProvider delegate;

	private final OAuth2AuthorizationService authorizations;

	private final RefreshTokenLineage lineage;

	private final RevokedTokens revokedTokens;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final AuditSink audit;

	private final Clock clock;

	public RefreshTokenRotation(OAuth2RefreshTokenAuthenticationProvider delegate,
			OAuth2AuthorizationService authorizations, RefreshTokenLineage lineage, RevokedTokens revokedTokens,
			JdbcTemplate jdbc, TransactionTemplate transactions, AuditSink audit, Clock clock) {
		this.delegate = delegate;
		this.authorizations = authorizations;
		this.lineage = lineage;
		this.revokedTokens = revokedTokens;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String presented = ((OAuth2RefreshTokenAuthenticationToken) authentication).getRefreshToken();
		Authentication result = this.transactions.execute((status) -> {
			List<String> grant = this.jdbc.query(
					"SELECT id FROM oauth2_authorization WHERE refresh_token_value = ? FOR UPDATE",
					(rs, row) -> rs.getString(1), presented);
			if (grant.isEmpty()) {
				this.lineage.grantOfRotated(presented).ifPresent(this::revokeGrant);
				return null;
			}
			OAuth2Authorization before = this.authorizations.findById(grant.get(0));
			Authentication issued = this.delegate.authenticate(authentication);
			OAuth2Authorization.Token<OAuth2AccessToken> replaced = (before != null) ? before.getAccessToken() : null;
			this.lineage.recordRotated(presented, grant.get(0),
					(replaced != null && replaced.getClaims() != null && replaced.getClaims().get("jti") instanceof String jti)
							? jti : null,
					(replaced != null) ? replaced.getToken().getExpiresAt() : null);
			return issued;
		});
		if (result == null) {
			// RFC 6749 §5.2: unknown, rotated-out and revoked refresh tokens are all invalid_grant
			throw OAuthErrors.exception(OAuth2ErrorCodes.INVALID_GRANT, "The refresh token is invalid");
		}
		return result;
	}

	private void revokeGrant(String authorizationId) {
		OAuth2Authorization authorization = this.authorizations.findById(authorizationId);
		if (authorization == null || authorization.getRefreshToken() == null) {
			return;
		}
		logger.warn("A rotated-out refresh token was presented again; revoking grant " + authorizationId);
		OAuth2Authorization.Builder revoked = OAuth2Authorization.from(authorization)
			.invalidate(authorization.getRefreshToken().getToken());
		this.authorizations.save(revoked.build());
		this.revokedTokens.grantRevoked(authorization, this.clock.instant()); // and the agents' tokens rooted in it
		Map<String, Object> accessToken = (authorization.getAccessToken() != null)
				? authorization.getAccessToken().getClaims() : null;
		// RFC 9700 §4.14.2: the reuse is a security event; audited with the revocation, in its transaction
		this.audit.record(AuditEvent.of("token.revoked", this.clock.instant())
			.decision("revoked", "refresh_token_reuse")
			.chain(List.of(authorization.getPrincipalName()))
			.jti((accessToken != null && accessToken.get("jti") instanceof String jti) ? jti : null)
			.detail("token_type", "refresh_token")
			.detail("authorization_id", authorizationId)
			.build());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
