package dev.unifiedauth.authserver.delegation;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import dev.unifiedauth.core.policy.Reason;
import dev.unifiedauth.core.revocation.RevocationLog;
import dev.unifiedauth.core.revocation.TokenFacts;
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
 * tokens in {@link DelegatedTokens} — and not stopped by a rule of the revocation log (its task revoked or past its
 * deadline, its human's account or one of its clients disabled). Anything else (another issuer, {@code alg: none},
 * an ID token, a DPoP proof, a refresh token, a revoked or expired token) is {@code invalid_request}
 * (RFC 8693 §2.2.2, pinned).
 * Thread-safe.
 */
public final class PresentedTokens {

	private final JwtDecoder decoder;

	private final OAuth2AuthorizationService authorizations;

	private final DelegatedTokens delegatedTokens;

	private final RevocationLog revocations;

	private final Clock clock;

	public PresentedTokens(JwtDecoder decoder, OAuth2AuthorizationService authorizations,
			DelegatedTokens delegatedTokens, RevocationLog revocations, Clock clock) {
		this.decoder = decoder;
		this.authorizations = authorizations;
		this.delegatedTokens = delegatedTokens;
		this.revocations = revocations;
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
		PresentedToken presented = jwt.hasClaim(DelegationClaims.ACT)
				? agentToken(token, jwt, grant, jkt, parameter) : ownToken(token, jwt, grant, jkt, parameter);
		Optional<Reason> stopped = stoppedBy(jwt.getClaims());
		if (stopped.isPresent()) {
			throw invalid(parameter, "token_" + stopped.get().code());
		}
		return presented;
	}

	/**
	 * Whether a rule of the revocation log stops a token of this server (its task revoked or past its deadline,
	 * its human's account or one of its clients disabled, or the token itself revoked).
	 * @param claims the claims of a verified token
	 * @return the reason it no longer works, or empty (also for a token without {@code jti}: a refresh token)
	 */
	public Optional<Reason> stoppedBy(Map<String, Object> claims) {
		if (claims.get("jti") == null) {
			return Optional.empty();
		}
		try {
			return this.revocations.check(TokenFacts.fromClaims(claims), this.clock.instant());
		}
		catch (IllegalArgumentException ex) {
			return Optional.of(Reason.INVALID_TOKEN);
		}
	}

	private PresentedToken agentToken(String token, Jwt jwt, DelegationGrant grant, String jkt, String parameter) {
		String clientId = jwt.getClaimAsString("client_id");
		DelegatedTokens.Status status = this.delegatedTokens.status(jwt.getId())
			.filter((stored) -> stored.activeAt(this.clock.instant()) && stored.clientId().equals(clientId))
			.orElseThrow(() -> invalid(parameter, "token_revoked"));
		return new PresentedToken(token, jwt.getId(), PresentedToken.Kind.AGENT, clientId, jkt, grant,
				jwt.getClaims(), status.rootGrant());
	}

	private PresentedToken ownToken(String token, Jwt jwt, DelegationGrant grant, String jkt, String parameter) {
		OAuth2Authorization authorization = this.authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
		OAuth2Authorization.Token<OAuth2AccessToken> accessToken = (authorization != null)
				? authorization.getAccessToken() : null;
		if (accessToken == null || !accessToken.isActive() || !token.equals(accessToken.getToken().getTokenValue())) {
			throw invalid(parameter, "token_revoked");
		}
		boolean client = AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType());
		return new PresentedToken(token, jwt.getId(), client ? PresentedToken.Kind.CLIENT : PresentedToken.Kind.HUMAN,
				jwt.getClaimAsString("client_id"), jkt, grant, jwt.getClaims(), client ? null : authorization.getId());
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
