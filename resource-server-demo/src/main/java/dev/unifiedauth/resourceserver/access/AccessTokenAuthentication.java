package dev.unifiedauth.resourceserver.access;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The {@link org.springframework.security.core.Authentication} of a request that presented a valid
 * {@link AccessToken}. The principal is the token's {@link Jwt}, so controllers can take
 * {@code @AuthenticationPrincipal Jwt}. No authorities: what the token may do is decided per operation by
 * {@link AccessDecisions}.
 */
final class AccessTokenAuthentication extends AbstractAuthenticationToken {

	private final AccessToken token;

	AccessTokenAuthentication(AccessToken token) {
		super(List.of());
		this.token = token;
		setAuthenticated(true);
	}

	AccessToken token() {
		return this.token;
	}

	@Override
	public Object getCredentials() {
		return ""; // the token is not handed out as a credential
	}

	@Override
	public Jwt getPrincipal() {
		return this.token.jwt();
	}

	@Override
	public String getName() {
		return this.token.grant().subject();
	}

}
