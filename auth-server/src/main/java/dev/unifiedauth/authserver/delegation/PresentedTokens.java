package dev.unifiedauth.authserver.delegation;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import dev.unifiedauth.core.token.DelegationClaims;
import dev.unifiedauth.core.token.DelegationGrant;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Verifies tokens presented in a token exchange: an ES256 {@code at+jwt} this server signed and that is current
 * (its JWT decoder), and still active — humans' and clients' tokens in Spring's authorization store, agents'
 * tokens in {@link DelegatedTokens}. Anything else (another issuer, {@code alg: none}, an ID token, a DPoP proof,
 * a refresh token, a revoked or expired token) is {@code invalid_request} (RFC 8693 §2.2.2, pinned).
 * Thread-safe.
 */
public final class PresentedTokens {

	private final JwtDecoder decoder;

	private final OAuth2AuthorizationService authorizations;

	private final DelegatedTokens delegatedTokens;

	private final Clock clock;

	public PresentedTokens(JwtDecoder decoder, OAuth2AuthorizationService authorizations,
			DelegatedTokens delegatedTokens, Clock clock) {
		this.decoder = decoder;
		this.authorizations = authorizations;
		this.delegatedTokens = delegatedTokens;
		this.clock = clock;
	}

	/**
	 * The claims of {@code token} if it is a current, unrevoked agent token of this server.
	 */
	public Optional<Map<String, Object>> activeAgentToken(String token) {
		try {
			PresentedToken presented = verify(token, "token");
			return (presented.kind() == PresentedToken.Kind.AGENT) ? Optional.of(presented.claims())
					: Optional.empty();
		}
		catch (DelegationRefusal ex) {
			return Optional.empty();
		}
	}

	/**
	 * @param parameter the request parameter the token came in, for the error description
	 * @throws DelegationRefusal {@code invalid_request} if the token is not a current token of this server
	 */
	public PresentedToken verify(String token, String parameter) {
		Jwt jwt;
		try {
			jwt = this.decoder.decode(token);
		}
		catch (JwtValidationException ex) {
			boolean expired = ex.getErrors().stream().anyMatch((error) -> error.getDescription() != null
					&& error.getDescription().contains("expired"));
			throw invalid(parameter, expired ? "token_expired" : "token_invalid");
		}
		catch (JwtException ex) {
			throw invalid(parameter, "token_invalid");
		}
		String jti = jwt.getId();
		String clientId = jwt.getClaimAsString("client_id");
		if (jti == null || clientId == null) {
			throw invalid(parameter, "token_invalid");
		}
		DelegationGrant grant;
		try {
			grant = DelegationGrant.fromClaims(jwt.getClaims());
		}
		catch (IllegalArgumentException ex) {
			throw invalid(parameter, "token_invalid");
		}
		String jkt = thumbprint(jwt);
		if (jwt.hasClaim(DelegationClaims.ACT)) {
			boolean active = this.delegatedTokens.status(jti)
				.map((status) -> status.activeAt(this.clock.instant()) && status.clientId().equals(clientId))
				.orElse(false);
			if (!active) {
				throw invalid(parameter, "token_revoked");
			}
			return new PresentedToken(token, jti, PresentedToken.Kind.AGENT, clientId, jkt, grant, jwt.getClaims());
		}
		OAuth2Authorization authorization = this.authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
		OAuth2Authorization.Token<OAuth2AccessToken> accessToken = (authorization != null)
				? authorization.getAccessToken() : null;
		if (accessToken == null || !accessToken.isActive() || !token.equals(accessToken.getToken().getTokenValue())) {
			throw invalid(parameter, "token_revoked");
		}
		PresentedToken.Kind kind = AuthorizationGrantType.CLIENT_CREDENTIALS
			.equals(authorization.getAuthorizationGrantType()) ? PresentedToken.Kind.CLIENT : PresentedToken.Kind.HUMAN;
		return new PresentedToken(token, jti, kind, clientId, jkt, grant, jwt.getClaims());
	}

	private static String thumbprint(Jwt jwt) {
		Object cnf = jwt.getClaims().get(DelegationClaims.CNF);
		if (cnf instanceof Map<?, ?> confirmation && confirmation.get("jkt") instanceof String jkt) {
			return jkt;
		}
		return null;
	}

	private static DelegationRefusal invalid(String parameter, String reason) {
		// RFC 8693 §2.2.2; pinned: bad, expired, revoked or foreign tokens are invalid_request
		return new DelegationRefusal(OAuth2ErrorCodes.INVALID_REQUEST, reason,
				"The " + parameter + " is invalid, expired, revoked or not issued by this server");
	}

}
