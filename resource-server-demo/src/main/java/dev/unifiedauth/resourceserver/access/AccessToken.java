package dev.unifiedauth.resourceserver.access;

import java.util.Set;

import dev.unifiedauth.core.token.DelegationGrant;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * An access token that passed every check of {@link AccessTokenAuthenticator}: a valid RFC 9068 JWT for this
 * server, presented with the right scheme (and, when DPoP-bound, with a valid proof of its key). Immutable.
 *
 * @param value the token as presented (sent on to the approval API, never logged or audited)
 * @param jwt its verified claims
 * @param grant what it allows, as far as delegation is concerned
 * @param roles the human's roles ({@code roles} claim, RFC 9068 §7.2.1.1); empty when absent
 * @param scheme how it was presented
 */
record AccessToken(String value, Jwt jwt, DelegationGrant grant, Set<String> roles, AuthorizationScheme scheme) {

	AccessToken {
		roles = Set.copyOf(roles);
	}

	String jti() {
		return this.jwt.getId();
	}

	String clientId() {
		return this.jwt.getClaimAsString("client_id");
	}

	@Override
	public String toString() {
		return "AccessToken[jti=" + jti() + ", scheme=" + this.scheme + "]"; // never the token itself
	}

}
