package dev.unifiedauth.authserver.token;

import java.time.Clock;

import dev.unifiedauth.authserver.delegation.DelegatedTokens;
import dev.unifiedauth.authserver.delegation.PresentedTokens;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;

/**
 * Revocation (RFC 7009) of agent tokens as well: Spring's provider revokes what its authorization store knows
 * and answers 200 for anything else (§2.2); an agent token is revoked here when the client it was issued to asks
 * (§2.1: "the client ... to which the token was issued"). Replaces Spring's provider.
 */
public final class AgentTokenRevocation implements AuthenticationProvider {

	private final OAuth2TokenRevocationAuthenticationProvider delegate;

	private final PresentedTokens presentedTokens;

	private final DelegatedTokens delegatedTokens;

	private final Clock clock;

	public AgentTokenRevocation(OAuth2TokenRevocationAuthenticationProvider delegate, PresentedTokens presentedTokens,
			DelegatedTokens delegatedTokens, Clock clock) {
		this.delegate = delegate;
		this.presentedTokens = presentedTokens;
		this.delegatedTokens = delegatedTokens;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		Authentication result = this.delegate.authenticate(authentication);
		OAuth2TokenRevocationAuthenticationToken request = (OAuth2TokenRevocationAuthenticationToken) authentication;
		if (request.getPrincipal() instanceof OAuth2ClientAuthenticationToken caller
				&& caller.getRegisteredClient() != null) {
			this.presentedTokens.activeAgentToken(request.getToken())
				.filter((claims) -> caller.getRegisteredClient().getClientId().equals(claims.get("client_id")))
				.ifPresent((claims) -> this.delegatedTokens.revoke((String) claims.get("jti"), this.clock.instant()));
		}
		return result;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
