package dev.unifiedauth.authserver.storage;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.unifiedauth.authserver.UnifiedAuthProperties;
import dev.unifiedauth.authserver.clients.ClientDefaults;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Clients and authorizations shaped like the ones this server stores: our client profile, a human principal,
 * access-token claims with our shapes (scope as one string, {@code aud} and {@code roles} as lists, nested
 * {@code act}, {@code cnf}).
 */
final class SpringStoreFixtures {

	static final Instant ISSUED_AT = Instant.parse("2026-03-01T09:00:00Z");

	static final String ACCESS_TOKEN = "eyJ0eXAiOiJhdCtqd3QiLCJhbGciOiJFUzI1NiJ9.access.signature";

	static final String REFRESH_TOKEN = "rt-8cQw3n0Vb5Kx2Lm7Pz9Ty4Rs1Ua6Jh";

	static final String CODE = "code-Gd5Hf8Jk2Lm4Np6Qr8St0Uv";

	private SpringStoreFixtures() {
	}

	static RegisteredClient.Builder backendClient(String id) {
		return RegisteredClient.withId(id)
			.clientId("client-" + id)
			.clientIdIssuedAt(ISSUED_AT)
			.clientSecret("{sha256}secret-of-" + id)
			.clientName("Backend " + id)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUri("http://127.0.0.1/callback")
			.scopes((scopes) -> scopes.addAll(List.of("openid", "documents:read", "documents:update")))
			.clientSettings(ClientDefaults.clientSettings().build())
			.tokenSettings(ClientDefaults.tokenSettings(
					new UnifiedAuthProperties.Tokens(Duration.ofMinutes(15), Duration.ofHours(8), Duration.ofSeconds(60))));
	}

	/** An authorization after the code was redeemed: used code, access token with claims, refresh token. */
	static OAuth2Authorization redeemedAuthorization(RegisteredClient client, String id) {
		UsernamePasswordAuthenticationToken alice = UsernamePasswordAuthenticationToken.authenticated(
				User.withUsername("usr-alice-001").password("").authorities("ROLE_admin").build(), null,
				AuthorityUtils.createAuthorityList("ROLE_admin"));
		OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri("http://localhost:9000/oauth2/authorize")
			.clientId(client.getClientId())
			.redirectUri("http://127.0.0.1/callback")
			.scopes(Set.of("openid", "documents:read"))
			.state("st-123")
			.additionalParameters(Map.of("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
					"code_challenge_method", "S256"))
			.build();
		return OAuth2Authorization.withRegisteredClient(client)
			.id(id)
			.principalName("usr-alice-001")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizedScopes(Set.of("openid", "documents:read"))
			.attribute(Principal.class.getName(), alice)
			.attribute(OAuth2AuthorizationRequest.class.getName(), request)
			.token(new OAuth2AuthorizationCode(CODE, ISSUED_AT, ISSUED_AT.plusSeconds(60)),
					(metadata) -> metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, true))
			.token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, ACCESS_TOKEN, ISSUED_AT,
					ISSUED_AT.plusSeconds(900), Set.of("openid", "documents:read")),
					(metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, accessTokenClaims()))
			.token(new OAuth2RefreshToken(REFRESH_TOKEN, ISSUED_AT, ISSUED_AT.plus(Duration.ofHours(8))))
			.build();
	}

	/** Claims as {@code token.AccessTokenClaims} shapes them, with an agent's {@code act} chain and DPoP binding. */
	static Map<String, Object> accessTokenClaims() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", "http://localhost:9000");
		claims.put("sub", "usr-alice-001");
		claims.put("aud", new ArrayList<>(List.of("http://localhost:8081")));
		claims.put("client_id", "demo-backend");
		claims.put("scope", "documents:read openid");
		claims.put("roles", new ArrayList<>(List.of("admin")));
		claims.put("iat", ISSUED_AT);
		claims.put("exp", ISSUED_AT.plusSeconds(900));
		claims.put("jti", "jti-0001");
		Map<String, Object> parent = new HashMap<>();
		parent.put("sub", "scheduling-agent-001");
		Map<String, Object> act = new HashMap<>();
		act.put("sub", "analysis-agent-002");
		act.put("act", parent);
		claims.put("act", act);
		claims.put("cnf", new HashMap<>(Map.of("jkt", "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I")));
		claims.put("task_id", "task-42");
		return claims;
	}

}
