package dev.unifiedauth.authserver.token;

import java.util.Collection;
import java.util.List;

import dev.unifiedauth.authserver.clients.ClientSettingNames;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Limits who learns about a token through introspection. Spring answers any authenticated client; RFC 7662 §4
 * asks the server to make sure the caller is allowed to know, and §2.2 lets it answer {@code active: false}
 * otherwise. A caller may introspect a token if it is the token's client, if it is the resource server named
 * in the token's {@code aud} (client setting {@link ClientSettingNames#RESOURCE_IDENTIFIER}), or if it is an
 * administrative client ({@link ClientSettingNames#INTROSPECT_ANY_TOKEN}). Replaces Spring's provider.
 */
public final class IntrospectionAccess implements AuthenticationProvider {

	private final OAuth2TokenIntrospectionAuthenticationProvider delegate;

	public IntrospectionAccess(OAuth2TokenIntrospectionAuthenticationProvider delegate) {
		this.delegate = delegate;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		Authentication result = this.delegate.authenticate(authentication);
		if (!(result instanceof OAuth2TokenIntrospectionAuthenticationToken introspection)
				|| !introspection.getTokenClaims().isActive()
				|| !(introspection.getPrincipal() instanceof OAuth2ClientAuthenticationToken caller)
				|| mayKnow(caller.getRegisteredClient(), introspection.getTokenClaims())) {
			return result;
		}
		// RFC 7662 §2.2: "active": false when the caller is not allowed to know about the token
		return new OAuth2TokenIntrospectionAuthenticationToken(introspection.getToken(), caller,
				OAuth2TokenIntrospection.builder().build());
	}

	static boolean mayKnow(RegisteredClient caller, OAuth2TokenIntrospection token) {
		if (caller == null) {
			return false;
		}
		if (ClientSettingNames.introspectsAnyToken(caller.getClientSettings())
				|| caller.getClientId().equals(token.getClientId())) {
			return true;
		}
		String resource = ClientSettingNames.resourceIdentifier(caller.getClientSettings());
		Collection<String> audience = (token.getAudience() != null) ? token.getAudience() : List.of();
		return resource != null && audience.contains(resource);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
