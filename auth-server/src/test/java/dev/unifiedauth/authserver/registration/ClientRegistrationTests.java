package dev.unifiedauth.authserver.registration;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.unifiedauth.authserver.clients.ClientSettingNames;
import dev.unifiedauth.authserver.testing.AgentTokenRequests;
import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.ClientAssertions;
import dev.unifiedauth.authserver.testing.ClientAssertions.SigningKey;
import dev.unifiedauth.authserver.testing.ClientRequests;
import dev.unifiedauth.authserver.testing.DemoClients;
import dev.unifiedauth.authserver.testing.Jwts;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dynamic client registration (RFC 7591) through the real filter chain: who may register (an initial access
 * token or an administrator's access token; closed otherwise), what may be registered (security-cases G14), what
 * the response holds, and that registered agents then behave like the seeded ones.
 */
@AuthServerTest
final class ClientRegistrationTests {

	@Value("${unified-auth.issuer}")
	String issuer;

	@Autowired
	RegisteredClientRepository clients;

	String registrationEndpoint() {
		String endpoint = RestAssured.given()
			.baseUri(this.issuer)
			.get("/.well-known/oauth-authorization-server")
			.jsonPath()
			.getString("registration_endpoint");
		assertThat(endpoint).isEqualTo(this.issuer + "/oauth2/register");
		return endpoint;
	}

	RequestSpecification request(String token) {
		RequestSpecification request = RestAssured.given().redirects().follow(false).contentType(ContentType.JSON);
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return request;
	}

	Response register(String token, Map<String, Object> metadata) {
		return request(token).body(JSONObjectUtils.toJSONString(metadata)).post(registrationEndpoint());
	}

	static Map<String, Object> agent() {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("client_name", "Calendar agent");
		metadata.put("dpop_bound_access_tokens", true);
		metadata.put("scope", "documents:read documents:update");
		return metadata;
	}

	static Map<String, Object> with(Map<String, Object> metadata, String name, Object value) {
		metadata.put(name, value);
		return metadata;
	}

	String accessTokenOf(String email, String password, String scope) {
		BrowserSession session = BrowserSession.loggedIn(this.issuer, email, password);
		return ClientRequests.backend(this.issuer).authorizationCodeGrant(session, scope).getString("access_token");
	}

	static void assertUnauthorized(Response response, boolean tokenPresented) {
		assertOAuthError(response, 401, "invalid_token");
		String challenge = response.header("WWW-Authenticate");
		assertThat(challenge).startsWith("Bearer");
		if (tokenPresented) {
			assertThat(challenge).contains("error=\"invalid_token\"");
		}
		else {
			assertThat(challenge).doesNotContain("error=");
		}
	}

	static JWTClaimsSet claims(Response tokenResponse) {
		try {
			return Jwts.parse(tokenResponse.jsonPath().getString("access_token")).getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void registerWhenInitialAccessTokenThenCreatedWithCredentialsShownOnceAndTheAgentWorksLikeASeededOne() {
		Response response = register(DemoClients.INITIAL_ACCESS_TOKEN, agent());

		// RFC 7591 §3.2.1
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
		assertThat(response.contentType()).startsWith("application/json");
		assertThat(response.header("Cache-Control")).contains("no-store");
		String clientId = response.jsonPath().getString("client_id");
		String secret = response.jsonPath().getString("client_secret");
		assertThat(clientId).startsWith("agent-");
		assertThat(secret).matches("[A-Za-z0-9_-]{43}"); // 256 bits
		assertThat(response.jsonPath().getLong("client_id_issued_at")).isPositive();
		assertThat(response.jsonPath().getLong("client_secret_expires_at")).isZero();
		assertThat(response.jsonPath().getString("client_name")).isEqualTo("Calendar agent");
		assertThat(response.jsonPath().getString("token_endpoint_auth_method")).isEqualTo("client_secret_basic");
		assertThat(response.jsonPath().getList("grant_types", String.class)).containsExactly("client_credentials",
				"urn:ietf:params:oauth:grant-type:token-exchange");
		assertThat(response.jsonPath().getString("scope")).isEqualTo("documents:read documents:update");
		assertThat(response.jsonPath().getBoolean("dpop_bound_access_tokens")).isTrue();
		assertThat(response.jsonPath().getBoolean("agent")).isTrue();

		RegisteredClient stored = this.clients.findByClientId(clientId);
		assertThat(stored.getClientSecret()).startsWith("{sha256}").doesNotContain(secret);
		assertThat(ClientSettingNames.isAgent(stored.getClientSettings())).isTrue();
		assertThat(ClientSettingNames.requiresDPoP(stored.getClientSettings())).isTrue();
		assertThat(ClientSettingNames.requiresDPoPNonce(stored.getClientSettings())).isTrue();
		assertThat(stored.getAuthorizationGrantTypes()).doesNotContain(AuthorizationGrantType.REFRESH_TOKEN);

		AgentTokenRequests agent = new AgentTokenRequests(this.issuer);
		Response token = agent.clientCredentials(clientId, secret, true, null);
		assertThat(token.statusCode()).as(token.asString()).isEqualTo(200);
		JWTClaimsSet claims = claims(token);
		assertThat(claims.getSubject()).isEqualTo(clientId);
		assertThat(claims.getAudience()).containsExactly(this.issuer);
		assertThat(claims.getClaims()).doesNotContainKey("scope");
		assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(300_000);
	}

	@Test
	void registerWhenAliceAdministratorsAccessTokenThenCreated() {
		String alice = accessTokenOf(DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD, "openid documents:read");

		Response response = register(alice, agent());

		assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
		assertThat(response.jsonPath().getString("client_id")).startsWith("agent-");
	}

	@Test
	void registerWhenNoTokenThenUnauthorizedBecauseOpenRegistrationIsOff() {
		assertUnauthorized(register(null, agent()), false);
	}

	@ParameterizedTest
	@ValueSource(strings = { "wrong-initial-access-token", "demo-initial-access-tokenX", "eyJhbGciOiJFUzI1NiJ9.e30.c2ln" })
	void registerWhenTokenWrongThenUnauthorized(String token) {
		assertUnauthorized(register(token, agent()), true);
	}

	@Test
	void registerWhenBobsAccessTokenThenUnauthorized() {
		// bob is a viewer, not an admin
		String bob = accessTokenOf(DemoClients.BOB_EMAIL, DemoClients.BOB_PASSWORD, "openid documents:read");

		assertUnauthorized(register(bob, agent()), true);
	}

	@Test
	void registerWhenAlicesTokenWasRevokedThenUnauthorized() {
		String alice = accessTokenOf(DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD, "openid documents:read");
		assertThat(ClientRequests.backend(this.issuer).revoke(alice, "access_token").statusCode()).isEqualTo(200);

		assertUnauthorized(register(alice, agent()), true);
	}

	@Test
	void registerWhenAClientOrAnAgentTokenThenUnauthorized() {
		String backend = ClientRequests.backend(this.issuer)
			.clientCredentials("documents:read")
			.jsonPath()
			.getString("access_token");
		String agent = new AgentTokenRequests(this.issuer)
			.clientCredentials(DemoClients.SCHEDULING_AGENT, DemoClients.SCHEDULING_AGENT_SECRET, true, null)
			.jsonPath()
			.getString("access_token");

		assertUnauthorized(register(backend, agent()), true);
		assertUnauthorized(register(agent, agent()), true);
	}

	@Test
	void registerWhenUnauthorizedThenNothingIsReadOrStored() {
		Response response = request(null).body("{not json").post(registrationEndpoint());

		assertUnauthorized(response, false);
	}

	@Test
	void registerWhenPrivateKeyJwtAgentThenNoSecretAndItsEs256AndEdDsaAssertionsAuthenticateOnce() {
		SigningKey es256 = SigningKey.es256("agent-es");
		SigningKey ed25519 = SigningKey.ed25519("agent-ed");
		Map<String, Object> metadata = with(agent(), "token_endpoint_auth_method", "private_key_jwt");
		metadata.put("jwks", ClientAssertions.jwks(es256, ed25519));

		Response response = register(DemoClients.INITIAL_ACCESS_TOKEN, metadata);

		assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
		assertThat(response.jsonPath().getMap("$")).doesNotContainKeys("client_secret", "client_secret_expires_at");
		assertThat(response.jsonPath().getList("jwks.keys")).hasSize(2);
		String clientId = response.jsonPath().getString("client_id");
		AgentTokenRequests agent = new AgentTokenRequests(this.issuer);
		for (SigningKey key : List.of(es256, ed25519)) {
			AgentTokenRequests.Sent sent = agent
				.clientCredentials(() -> ClientAssertions.assertion(clientId, this.issuer, key).build());
			assertThat(sent.response().statusCode()).as(sent.response().asString()).isEqualTo(200);
			assertThat(claims(sent.response()).getSubject()).isEqualTo(clientId);
			// A29
			assertOAuthError(agent.clientCredentialsWithAssertion(sent.assertion()), 401, "invalid_client");
		}
	}

	@Test
	void registerWhenServiceClientWithLoopbackRedirectThenItCompletesTheCodeFlowWithItsSecret() {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("agent", false);
		metadata.put("token_endpoint_auth_method", "client_secret_basic");
		metadata.put("grant_types", List.of("authorization_code", "refresh_token"));
		metadata.put("redirect_uris", List.of(DemoClients.LOOPBACK_REDIRECT));
		metadata.put("scope", "openid documents:read");

		Response response = register(DemoClients.INITIAL_ACCESS_TOKEN, metadata);

		assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
		assertThat(response.jsonPath().getString("client_id")).startsWith("client-");
		assertThat(response.jsonPath().getList("response_types")).containsExactly("code");
		ClientRequests client = new ClientRequests(this.issuer, response.jsonPath().getString("client_id"),
				response.jsonPath().getString("client_secret"));
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL,
				DemoClients.ALICE_PASSWORD);
		assertThat(client.authorizationCodeGrant(alice, "openid documents:read").getString("refresh_token"))
			.isNotBlank();
	}

	@ParameterizedTest
	@ValueSource(strings = { "javascript:alert(document.cookie)", "data:text/html,<script>alert(1)</script>",
			"https://app.example/cb#frag", "http://app.example/cb" })
	void registerWhenRedirectUriUnsafeThenInvalidRedirectUri(String redirectUri) {
		// G14 (RFC 7591 §3.2.2; CVE-2026-22752)
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("agent", false);
		metadata.put("grant_types", List.of("authorization_code"));
		metadata.put("redirect_uris", List.of(redirectUri));

		assertOAuthError(register(DemoClients.INITIAL_ACCESS_TOKEN, metadata), 400, "invalid_redirect_uri");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:9000/oauth2/jwks",
			"https://agent.example/jwks.json" })
	void registerWhenJwksUriThenInvalidClientMetadata(String jwksUri) {
		// G14: the server never fetches a client-chosen address
		Map<String, Object> metadata = with(agent(), "token_endpoint_auth_method", "private_key_jwt");
		metadata.put("jwks_uri", jwksUri);

		assertOAuthError(register(DemoClients.INITIAL_ACCESS_TOKEN, metadata), 400, "invalid_client_metadata");
	}

	@Test
	void registerWhenJwksHoldsAPrivateKeyThenInvalidClientMetadata() {
		Map<String, Object> metadata = with(agent(), "token_endpoint_auth_method", "private_key_jwt");
		metadata.put("jwks", Map.of("keys", List.of(SigningKey.ed25519("ed").publicJwkWithPrivateMember())));

		assertOAuthError(register(DemoClients.INITIAL_ACCESS_TOKEN, metadata), 400, "invalid_client_metadata");
	}

	@ParameterizedTest
	@ValueSource(strings = { "documents:read ledger:write", "billing:read", "openid", "documents:READ" })
	void registerWhenScopeUnknownThenInvalidClientMetadata(String scope) {
		assertOAuthError(register(DemoClients.INITIAL_ACCESS_TOKEN, with(agent(), "scope", scope)), 400,
				"invalid_client_metadata");
	}

	@Test
	void registerWhenAgentWouldBeAPublicClientThenInvalidClientMetadata() {
		assertOAuthError(
				register(DemoClients.INITIAL_ACCESS_TOKEN, with(agent(), "token_endpoint_auth_method", "none")), 400,
				"invalid_client_metadata");
	}

	@Test
	void registerWhenAgentNotDPoPBoundThenInvalidClientMetadata() {
		assertOAuthError(
				register(DemoClients.INITIAL_ACCESS_TOKEN, with(agent(), "dpop_bound_access_tokens", false)), 400,
				"invalid_client_metadata");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{not json", "[]", "\"agent\"", "{\"a\":1,\"a\":2}", "", "{\"scope\": \"x\"} trailing" })
	void registerWhenBodyIsNotAJsonObjectThenInvalidClientMetadata(String body) {
		Response response = request(DemoClients.INITIAL_ACCESS_TOKEN).body(body).post(registrationEndpoint());

		assertOAuthError(response, 400, "invalid_client_metadata");
	}

	@Test
	void registerWhenBodyDeeplyNestedOrInvalidUtf8ThenInvalidClientMetadata() {
		String deep = "{\"client_name\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
		byte[] invalidUtf8 = "{\"client_name\":\"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

		assertOAuthError(request(DemoClients.INITIAL_ACCESS_TOKEN).body(deep).post(registrationEndpoint()), 400,
				"invalid_client_metadata");
		assertOAuthError(request(DemoClients.INITIAL_ACCESS_TOKEN).body(invalidUtf8).post(registrationEndpoint()),
				400, "invalid_client_metadata");
	}

	@Test
	void registerWhenNotJsonContentTypeThenInvalidClientMetadata() {
		Response response = RestAssured.given()
			.header("Authorization", "Bearer " + DemoClients.INITIAL_ACCESS_TOKEN)
			.contentType(ContentType.URLENC)
			.formParam("client_name", "x")
			.post(registrationEndpoint());

		assertOAuthError(response, 400, "invalid_client_metadata");
	}

	@Test
	void registerWhenBodyLargerThanTheLimitThen413() {
		String large = "{\"client_name\":\"" + "x".repeat(ClientRegistrationEndpoint.MAX_BODY_BYTES) + "\"}";

		Response response = request(DemoClients.INITIAL_ACCESS_TOKEN).body(large).post(registrationEndpoint());

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.jsonPath().getString("error")).isEqualTo("invalid_client_metadata");
	}

	@Test
	void registerWhenGetThenMethodNotAllowedAndNoServerError() {
		Response response = RestAssured.given()
			.redirects()
			.follow(false)
			.header("Authorization", "Bearer " + DemoClients.INITIAL_ACCESS_TOKEN)
			.get(registrationEndpoint());

		assertThat(response.statusCode()).isEqualTo(405);
	}

}
