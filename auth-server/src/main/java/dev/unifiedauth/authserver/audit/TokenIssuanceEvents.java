package dev.unifiedauth.authserver.audit;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.unifiedauth.core.audit.AuditEvent;
import dev.unifiedauth.core.audit.AuditSink;

import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Records every access token the token endpoint's own grants issue ({@code token.issued}: authorization code,
 * refresh token, client credentials; token exchange records {@code token.exchange} itself), as the last
 * customizer of the token, when its claims are final: the {@code jti}, the grant, the client, the human (or
 * client) it acts for, the scope and whether it is DPoP-bound. The grants run in a transaction
 * ({@code token.SingleUseCodeRedemption}, {@code token.RefreshTokenRotation}, {@link TransactionalProvider} for
 * client credentials), so the entry commits with the stored authorization or not at all: an entry that cannot be
 * written fails the request with 503 and no token. Never the token. Thread-safe.
 */
public final class TokenIssuanceEvents implements OAuth2TokenCustomizer<JwtEncodingContext> {

	static final String TYPE = "token.issued";

	private final AuditSink audit;

	private final Clock clock;

	public TokenIssuanceEvents(AuditSink audit, Clock clock) {
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			return;
		}
		Map<String, Object> claims = context.getClaims().build().getClaims();
		boolean bound = claims.get("cnf") instanceof Map<?, ?> cnf && cnf.get("jkt") != null;
		String subject = (context.getPrincipal() != null) ? context.getPrincipal().getName() : null;
		this.audit.record(AuditEvent.of(TYPE, this.clock.instant())
			.decision("issued", null)
			.client(context.getRegisteredClient().getClientId())
			.chain((subject != null) ? List.of(subject) : List.of())
			.jti((String) claims.get("jti"))
			.detail("grant_type", context.getAuthorizationGrantType().getValue())
			.detail("scope", String.join(" ", new TreeSet<>(context.getAuthorizedScopes())))
			.detail("token_type", bound ? "DPoP" : "Bearer") // RFC 9449 §5
			.build());
	}

}
