package dev.unifiedauth.authserver.token;

import java.time.Clock;

import dev.unifiedauth.authserver.delegation.PresentedTokens;
import dev.unifiedauth.authserver.revocation.RevokedTokens;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Revocation (RFC 7009) of every token this server issues, with what depends on it. Spring's provider revokes what
 * its authorization store knows (a human's or client's token; it refuses a token of another client, §2.1) and
 * answers 200 for anything else (§2.2). On top of it, in the same transaction:
 * <ul>
 * <li>a human's access or refresh token: the grant's access token and every agent token rooted in the grant, at
 * every depth, go into the revocation feed (§2.1 allows revoking related tokens; the contract's "revoking
 * alice's session" ends her agents' tokens too);</li>
 * <li>an agent token, when the client it was issued to asks: it and every token exchanged from it.</li>
 * </ul>
 * Replaces Spring's provider.
 */
public final class AgentTokenRevocation implements AuthenticationProvider {

	private final OAuth2TokenRevocationAuthenticationProvider delegate;

	private final OAuth2AuthorizationService authorizations;

	private final PresentedTokens presentedTokens;

	private final RevokedTokens revokedTokens;

	private final TransactionTemplate transactions;

	private final Clock clock;

	public AgentTokenRevocation(OAuth2TokenRevocationAuthenticationProvider delegate,
			OAuth2AuthorizationService authorizations, PresentedTokens presentedTokens, RevokedTokens revokedTokens,
			TransactionTemplate transactions, Clock clock) {
		this.delegate = delegate;
		this.authorizations = authorizations;
		this.presentedTokens = presentedTokens;
		this.revokedTokens = revokedTokens;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2TokenRevocationAuthenticationToken request = (OAuth2TokenRevocationAuthenticationToken) authentication;
		return this.transactions.execute((status) -> {
			OAuth2Authorization grant = this.authorizations.findByToken(request.getToken(), null);
			Authentication result = this.delegate.authenticate(authentication); // checks the grant is the caller's
			RegisteredClient caller = (request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client)
					? client.getRegisteredClient() : null;
			if (caller == null) {
				return result;
			}
			if (grant != null) {
				this.revokedTokens.grantRevoked(grant, this.clock.instant());
			}
			else {
				this.presentedTokens.activeAgentToken(request.getToken())
					.filter((claims) -> caller.getClientId().equals(claims.get("client_id")))
					.ifPresent((claims) -> this.revokedTokens.agentTokenRevoked((String) claims.get("jti"),
							this.clock.instant()));
			}
			return result;
		});
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
