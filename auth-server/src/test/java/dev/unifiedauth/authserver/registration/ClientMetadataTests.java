package dev.unifiedauth.authserver.registration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.unifiedauth.authserver.testing.ClientAssertions;
import dev.unifiedauth.authserver.testing.ClientAssertions.SigningKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ClientMetadataTests {

	private static final Predicate<String> KNOWN = Set.of("documents:read", "documents:update")::contains;

	private static final SigningKey ES256 = SigningKey.es256("es");

	private static final SigningKey ED25519 = SigningKey.ed25519("ed");

	static Map<String, Object> agent() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("client_name", "Agent");
		json.put("dpop_bound_access_tokens", true);
		json.put("scope", "documents:read");
		return json;
	}

	static Map<String, Object> service() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("agent", false);
		json.put("grant_types", List.of("authorization_code", "refresh_token"));
		json.put("redirect_uris", List.of("https://app.example/callback"));
		json.put("scope", "openid documents:read");
		return json;
	}

	static Map<String, Object> with(Map<String, Object> json, String name, Object value) {
		json.put(name, value);
		return json;
	}

	static void assertError(Map<String, Object> json, String error) {
		assertThatExceptionOfType(RegistrationException.class).isThrownBy(() -> ClientMetadata.parse(json, KNOWN))
			.satisfies((ex) -> assertThat(ex.error().getErrorCode()).isEqualTo(error))
			.satisfies((ex) -> assertThat(ex.isUnauthorized()).isFalse());
	}

	@Test
	void parseWhenAgentWithDefaultsThenSecretBasicClientCredentialsAndTokenExchange() {
		ClientMetadata metadata = ClientMetadata.parse(agent(), KNOWN);

		assertThat(metadata.agent()).isTrue();
		assertThat(metadata.authenticationMethod()).isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
		assertThat(metadata.grantTypes()).containsExactly(AuthorizationGrantType.CLIENT_CREDENTIALS,
				AuthorizationGrantType.TOKEN_EXCHANGE);
		assertThat(metadata.redirectUris()).isEmpty();
		assertThat(metadata.scopes()).containsExactly("documents:read");
		assertThat(metadata.dpopBoundAccessTokens()).isTrue();
		assertThat(metadata.jwks()).isNull();
	}

	@Test
	void parseWhenServiceClientWithCodeGrantThenItsRedirectUrisAndIdentityScopes() {
		ClientMetadata metadata = ClientMetadata.parse(service(), KNOWN);

		assertThat(metadata.agent()).isFalse();
		assertThat(metadata.grantTypes()).containsExactly(AuthorizationGrantType.AUTHORIZATION_CODE,
				AuthorizationGrantType.REFRESH_TOKEN);
		assertThat(metadata.redirectUris()).containsExactly("https://app.example/callback");
		assertThat(metadata.scopes()).containsExactly("documents:read", "openid");
		assertThat(metadata.toJSONObject()).containsEntry("response_types", List.of("code"));
	}

	@Test
	void toJSONObjectWhenParsedBackThenEqual() throws Exception {
		Map<String, Object> json = with(agent(), "token_endpoint_auth_method", "private_key_jwt");
		json.put("jwks", ClientAssertions.jwks(ES256, ED25519));
		json.put("scope", "documents:update documents:read");
		for (ClientMetadata metadata : List.of(ClientMetadata.parse(json, KNOWN), ClientMetadata.parse(service(), KNOWN),
				ClientMetadata.parse(agent(), KNOWN))) {
			Map<String, Object> serialised = JSONObjectUtils.parse(JSONObjectUtils.toJSONString(metadata.toJSONObject()));

			assertThat(ClientMetadata.parse(serialised, KNOWN)).isEqualTo(metadata);
		}
	}

	@Test
	void parseWhenUnknownMembersThenIgnored() {
		// RFC 7591 §2: members the server does not understand are ignored, never stored or fetched
		Map<String, Object> json = with(agent(), "logo_uri", "http://169.254.169.254/logo.png");
		json.put("software_id", "x");

		assertThat(ClientMetadata.parse(json, KNOWN).toJSONObject()).doesNotContainKeys("logo_uri", "software_id");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:8080/jwks",
			"https://client.example/jwks.json" })
	void parseWhenJwksUriThenInvalidClientMetadata(String jwksUri) {
		// G14: no jwks_uri at all, internal or not (SSRF)
		assertError(with(agent(), "jwks_uri", jwksUri), "invalid_client_metadata");
	}

	@Test
	void parseWhenJwksHasAPrivateMemberThenInvalidClientMetadata() {
		Map<String, Object> jwks = Map.of("keys", List.of(ES256.publicJwkWithPrivateMember()));

		assertError(with(with(agent(), "token_endpoint_auth_method", "private_key_jwt"), "jwks", jwks),
				"invalid_client_metadata");
	}

	@Test
	void parseWhenJwksNotAnObjectThenInvalidClientMetadata() {
		assertError(with(agent(), "jwks", ClientAssertions.jwksJson(ES256)), "invalid_client_metadata");
	}

	@Test
	void parseWhenPrivateKeyJwtWithoutJwksThenInvalidClientMetadata() {
		assertError(with(agent(), "token_endpoint_auth_method", "private_key_jwt"), "invalid_client_metadata");
	}

	@ParameterizedTest
	@ValueSource(strings = { "none", "client_secret_jwt", "tls_client_auth", "self_signed_tls_client_auth", "" })
	void parseWhenAuthenticationMethodNotAllowedThenInvalidClientMetadata(String method) {
		assertError(with(agent(), "token_endpoint_auth_method", method), "invalid_client_metadata");
		assertError(with(service(), "token_endpoint_auth_method", method), "invalid_client_metadata");
	}

	@Test
	void parseWhenAgentNotDPoPBoundThenInvalidClientMetadata() {
		assertError(with(agent(), "dpop_bound_access_tokens", false), "invalid_client_metadata");
		Map<String, Object> omitted = agent();
		omitted.remove("dpop_bound_access_tokens");
		assertError(omitted, "invalid_client_metadata");
		assertError(with(agent(), "dpop_bound_access_tokens", "true"), "invalid_client_metadata");
	}

	@ParameterizedTest
	@ValueSource(strings = { "documents:delete", "payments:read", "documents", "openid", "documents:read  x",
			"documents:read\"" })
	void parseWhenAgentScopeUnknownOrMalformedThenInvalidClientMetadata(String scope) {
		assertError(with(agent(), "scope", scope), "invalid_client_metadata");
	}

	@ParameterizedTest
	@ValueSource(strings = { "authorization_code", "refresh_token", "password", "implicit",
			"urn:ietf:params:oauth:grant-type:device_code", "urn:ietf:params:oauth:grant-type:jwt-bearer" })
	void parseWhenAgentAsksForAnotherGrantThenInvalidClientMetadata(String grantType) {
		assertError(with(agent(), "grant_types", List.of("client_credentials", grantType)), "invalid_client_metadata");
	}

	@Test
	void parseWhenGrantTypesEmptyOrRefreshWithoutCodeThenInvalidClientMetadata() {
		assertError(with(agent(), "grant_types", List.of()), "invalid_client_metadata");
		Map<String, Object> refreshOnly = with(service(), "grant_types", List.of("client_credentials", "refresh_token"));
		refreshOnly.remove("redirect_uris");
		refreshOnly.put("scope", "documents:read");
		assertError(refreshOnly, "invalid_client_metadata");
	}

	@ParameterizedTest
	@ValueSource(strings = { "javascript:alert(document.domain)", "data:text/html,<script>alert(1)</script>",
			"JavaScript://app.example/%0aalert(1)", "http://app.example/callback", "http://localhost/callback",
			"https://app.example/callback#fragment", "/relative/callback", "https://user:pw@app.example/cb",
			"file:///etc/passwd", "com.example.app:/callback", "https:///callback" })
	void parseWhenRedirectUriNotHttpsOrLoopbackThenInvalidRedirectUri(String redirectUri) {
		// G14 (RFC 7591 §3.2.2, CVE-2026-22752); OAuth 2.1 §8.4.2
		assertError(with(service(), "redirect_uris", List.of("https://app.example/ok", redirectUri)),
				"invalid_redirect_uri");
	}

	@Test
	void parseWhenRedirectUrisMissingForTheCodeGrantOrGivenWithoutItThenInvalidRedirectUri() {
		Map<String, Object> noRedirect = service();
		noRedirect.remove("redirect_uris");

		assertError(noRedirect, "invalid_redirect_uri");
		assertError(with(agent(), "redirect_uris", List.of("https://app.example/cb")), "invalid_redirect_uri");
		assertError(with(agent(), "redirect_uris", List.of("javascript:alert(1)")), "invalid_redirect_uri");
	}

	@Test
	void parseWhenLoopbackHttpRedirectThenAccepted() {
		Map<String, Object> json = with(service(), "redirect_uris",
				List.of("http://127.0.0.1/callback", "http://[::1]:8080/callback"));

		assertThat(ClientMetadata.parse(json, KNOWN).redirectUris()).hasSize(2);
	}

	@Test
	void parseWhenResponseTypesDisagreeWithGrantTypesThenInvalidClientMetadata() {
		assertError(with(service(), "response_types", List.of("token")), "invalid_client_metadata");
		assertError(with(agent(), "response_types", List.of("code")), "invalid_client_metadata");
	}

	@Test
	void parseWhenMembersHaveWrongTypesThenInvalidClientMetadata() {
		assertError(with(agent(), "grant_types", "client_credentials"), "invalid_client_metadata");
		assertError(with(agent(), "grant_types", List.of(1)), "invalid_client_metadata");
		assertError(with(agent(), "scope", List.of("documents:read")), "invalid_client_metadata");
		assertError(with(agent(), "client_name", 7), "invalid_client_metadata");
		assertError(with(agent(), "agent", "yes"), "invalid_client_metadata");
		assertError(with(service(), "redirect_uris", "https://app.example/cb"), "invalid_client_metadata");
	}

	@Test
	void parseWhenClientNameTooLongOrWithControlCharactersThenInvalidClientMetadata() {
		assertError(with(agent(), "client_name", "x".repeat(ClientMetadata.MAX_NAME_LENGTH + 1)),
				"invalid_client_metadata");
		assertError(with(agent(), "client_name", "Agent\r\nSet-Cookie: x"), "invalid_client_metadata");
		assertError(with(agent(), "client_name", " "), "invalid_client_metadata");
	}

	@Test
	void parseWhenSigningAlgorithmNotAllowedThenInvalidClientMetadata() {
		assertError(with(agent(), "token_endpoint_auth_signing_alg", "HS256"), "invalid_client_metadata");
		assertThat(ClientMetadata.parse(with(agent(), "token_endpoint_auth_signing_alg", "EdDSA"), KNOWN)).isNotNull();
	}

}
