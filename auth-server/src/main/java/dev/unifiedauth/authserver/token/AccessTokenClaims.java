package dev.unifiedauth.authserver.token;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import dev.unifiedauth.authserver.resources.ResourceServers;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Shapes every JWT this server signs. All are ES256 (one algorithm per key, RFC 8725 §3.1). Access tokens
 * follow RFC 9068 §2: header {@code typ: at+jwt}; claims {@code client_id}, {@code scope} as a single
 * space-separated string (RFC 8693 §4.2; Spring's default is a JSON array), {@code aud} = the resource servers
 * that own the granted scopes (falling back to the client when no resource scope was granted) and, for humans,
 * {@code roles} (RFC 9068 §7.2.1.1). Collections are mutable JDK types because Spring stores these claims as
 * JSON with an allow-list that rejects {@code List.of} on read.
 */
public final class AccessTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

	public static final String ACCESS_TOKEN_TYPE = "at+jwt";

	private final ResourceServers resourceServers;

	public AccessTokenClaims(ResourceServers resourceServers) {
		this.resourceServers = resourceServers;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		context.getJwsHeader().algorithm(SignatureAlgorithm.ES256);
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			return;
		}
		context.getJwsHeader().type(ACCESS_TOKEN_TYPE); // RFC 9068 §2.1
		TreeSet<String> scopes = new TreeSet<>(context.getAuthorizedScopes());
		List<String> audience = new ArrayList<>(this.resourceServers.audienceFor(scopes));
		if (audience.isEmpty()) {
			audience.add(context.getRegisteredClient().getClientId());
		}
		context.getClaims().claims((claims) -> {
			claims.remove(OAuth2ParameterNames.SCOPE);
			if (!scopes.isEmpty()) {
				claims.put(OAuth2ParameterNames.SCOPE, String.join(" ", scopes)); // RFC 8693 §4.2
			}
			claims.put("client_id", context.getRegisteredClient().getClientId()); // RFC 9068 §2.2
			claims.put("aud", audience);
			List<String> roles = roles(context.getPrincipal());
			if (!roles.isEmpty()) {
				claims.put("roles", roles);
			}
		});
	}

	private static List<String> roles(Authentication principal) {
		List<String> roles = new ArrayList<>();
		if (principal instanceof UsernamePasswordAuthenticationToken) {
			for (GrantedAuthority authority : principal.getAuthorities()) {
				String name = authority.getAuthority();
				if (name != null && name.startsWith("ROLE_")) {
					roles.add(name.substring("ROLE_".length()));
				}
			}
		}
		return roles;
	}

}
