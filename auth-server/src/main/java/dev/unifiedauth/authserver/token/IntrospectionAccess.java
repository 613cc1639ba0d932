package dev.unifiedauth.authserver.token;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;

import dev.unifiedauth.authserver.clients.ClientSettingNames;
import dev.unifiedauth.authserver.delegation.PresentedTokens;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Introspection (RFC 7662) of every token this server issues, limited to who may know about it. Spring answers
 * humans' and clients' tokens (its authorization store) for any authenticated client; agent tokens are in the
 * delegated-token register and Spring does not know them. RFC 7662 §4 asks the server to make sure the caller is
 * allowed to know, and §2.2 lets it answer {@code active: false} otherwise:
 * <ul>
 * <li>a human's or client's token: its own client, the resource server in its {@code aud} (client setting
 * {@link ClientSettingNames#RESOURCE_IDENTIFIER}), or an administrative client
 * ({@link ClientSettingNames#INTROSPECT_ANY_TOKEN});</li>
 * <li>an agent token: only the resource server in its {@code aud} or an administrative client; the answer carries
 * {@code act}, {@code cnf}, {@code task_id}, {@code scope} and {@code token_type: DPoP} (RFC 9449 §6.2).</li>
 * </ul>
 * Replaces Spring's provider.
 */
public final class IntrospectionAccess implements AuthenticationProvider {

	private static final List<String> AGENT_CLAIMS = List.of("sub", "client_id", "scope", "aud", "iss", "jti", "act",
			"cnf", "task_id", "scoped_resources", "read_only", "may_act");

	private final OAuth2TokenIntrospectionAuthenticationProvider delegate;

	private final PresentedTokens agentTokens;

	public IntrospectionAccess(OAuth2TokenIntrospectionAuthenticationProvider delegate, PresentedTokens agentTokens) {
		this.delegate = delegate;
		this.agentTokens = agentTokens;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		Authentication result = this.delegate.authenticate(authentication);
		OAuth2TokenIntrospectionAuthenticationToken request = (OAuth2TokenIntrospectionAuthenticationToken) authentication;
		if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken caller)) {
			return result;
		}
		if (result instanceof OAuth2TokenIntrospectionAuthenticationToken introspection
				&& introspection.getTokenClaims().isActive()) {
			if (this.agentTokens.stoppedBy(introspection.getTokenClaims().getClaims()).isPresent()) {
				return inactive(request.getToken(), caller); // an account or client disabled since it was issued
			}
			if (mayKnow(caller.getRegisteredClient(), introspection.getTokenClaims().getClientId(),
					introspection.getTokenClaims().getAudience(), true)) {
				return result;
			}
			return inactive(request.getToken(), caller);
		}
		return this.agentTokens.activeAgentToken(request.getToken())
			.filter((claims) -> mayKnow(caller.getRegisteredClient(), (String) claims.get("client_id"),
					audience(claims.get("aud")), false))
			.<Authentication>map((claims) -> new OAuth2TokenIntrospectionAuthenticationToken(request.getToken(), caller,
					agentIntrospection(claims)))
			.orElseGet(() -> inactive(request.getToken(), caller));
	}

	static boolean mayKnow(RegisteredClient caller, String tokenClientId, Collection<String> audience,
			boolean ownClientMayKnow) {
		if (caller == null) {
			return false;
		}
		if (ClientSettingNames.introspectsAnyToken(caller.getClientSettings())
				|| (ownClientMayKnow && caller.getClientId().equals(tokenClientId))) {
			return true;
		}
		String resource = ClientSettingNames.resourceIdentifier(caller.getClientSettings());
		return resource != null && audience != null && audience.contains(resource);
	}

	private static OAuth2TokenIntrospection agentIntrospection(Map<String, Object> claims) {
		OAuth2TokenIntrospection.Builder builder = OAuth2TokenIntrospection.builder(true).tokenType("DPoP");
		for (String name : AGENT_CLAIMS) {
			Object value = claims.get(name);
			if (value instanceof String scope && "scope".equals(name)) {
				value = List.of(scope.split(" ")); // Spring's model holds scope as a list; written space-separated
			}
			else if ("aud".equals(name)) {
				value = List.copyOf(audience(value));
			}
			if (value != null) {
				builder.claim(name, value);
			}
		}
		builder.issuedAt(instant(claims.get("iat"))).expiresAt(instant(claims.get("exp")));
		return builder.build();
	}

	private static Instant instant(Object value) {
		return (value instanceof Date date) ? date.toInstant() : (Instant) value;
	}

	@SuppressWarnings("unchecked")
	private static Collection<String> audience(Object aud) {
		return (aud instanceof Collection<?> many) ? (Collection<String>) many
				: (aud instanceof String one) ? List.of(one) : List.of();
	}

	private static Authentication inactive(String token, OAuth2ClientAuthenticationToken caller) {
		// RFC 7662 §2.2: "active": false when the caller is not allowed to know about the token
		return new OAuth2TokenIntrospectionAuthenticationToken(token, caller, OAuth2TokenIntrospection.builder().build());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
