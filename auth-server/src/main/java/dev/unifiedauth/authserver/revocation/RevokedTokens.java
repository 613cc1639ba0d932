package dev.unifiedauth.authserver.revocation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.unifiedauth.authserver.delegation.DelegatedTokens;
import dev.unifiedauth.authserver.token.RefreshTokenLineage;
import dev.unifiedauth.core.revocation.RevocationLog;
import dev.unifiedauth.core.revocation.RevocationRule;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * What else dies when a token is revoked (RFC 7009 §2.1 lets the server revoke related tokens): the agent tokens
 * exchanged from it, at every depth. Each revoked token also goes into the revocation feed, so that resource
 * servers, which validate JWTs locally, stop accepting it. Runs in the caller's transaction. Thread-safe.
 */
public final class RevokedTokens {

	private final DelegatedTokens tokens;

	private final RevocationLog log;

	private final RefreshTokenLineage lineage;

	public RevokedTokens(DelegatedTokens tokens, RevocationLog log, RefreshTokenLineage lineage) {
		this.tokens = tokens;
		this.log = log;
		this.lineage = lineage;
	}

	/**
	 * A human's grant ended (its access or refresh token was revoked, or a rotated-out refresh token or a used code
	 * came back): its current access token, the earlier ones refreshes replaced that have not expired, and every
	 * agent token rooted in the grant, whichever of the grant's access tokens it was exchanged from.
	 * @return how many agent tokens were revoked
	 */
	public int grantRevoked(OAuth2Authorization grant, Instant now) {
		List<RevocationRule> rules = new ArrayList<>();
		OAuth2Authorization.Token<OAuth2AccessToken> accessToken = grant.getAccessToken();
		if (accessToken != null && accessToken.getClaims() != null
				&& accessToken.getClaims().get("jti") instanceof String jti) {
			Instant expiresAt = accessToken.getToken().getExpiresAt();
			if (expiresAt != null && expiresAt.isAfter(now)) {
				rules.add(RevocationRule.token(jti, now, expiresAt));
			}
		}
		// the access tokens refreshes replaced are still live at resource servers until their exp
		this.lineage.liveSupersededAccessTokens(grant.getId(), now)
			.forEach((superseded) -> rules.add(RevocationRule.token(superseded.jti(), now, superseded.expiresAt())));
		List<DelegatedTokens.Revoked> agentTokens = this.tokens.revokeRootedIn(grant.getId(), now);
		agentTokens.forEach((token) -> rules.add(RevocationRule.token(token.jti(), now, token.expiresAt())));
		this.log.append(rules, now);
		return agentTokens.size();
	}

	/**
	 * An agent token was revoked by its holder: it and every token exchanged from it.
	 * @return how many tokens were revoked
	 */
	public int agentTokenRevoked(String jti, Instant now) {
		List<DelegatedTokens.Revoked> revoked = this.tokens.revokeWithDescendants(jti, now);
		this.log.append(revoked.stream().map((token) -> RevocationRule.token(token.jti(), now, token.expiresAt()))
			.toList(), now);
		return revoked.size();
	}

}
