package dev.unifiedauth.authserver.clients;

import java.text.ParseException;
import java.time.Instant;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.unifiedauth.authserver.UnifiedAuthProperties;
import dev.unifiedauth.authserver.testing.AgentTokenRequests;
import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.AuthorizationRequests;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.ClientAssertions;
import dev.unifiedauth.authserver.testing.ClientAssertions.SigningKey;
import dev.unifiedauth.authserver.testing.DemoClients;
import dev.unifiedauth.authserver.testing.IssuedCode;
import dev.unifiedauth.authserver.testing.Jwts;
import dev.unifiedauth.authserver.testing.Pkce;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code private_key_jwt} client authentication through the real filter chain (RFC 7523 §2.2 and §3; OpenID
 * Connect Core §9): an agent whose keys are registered inline gets its token with an assertion signed by any of
 * them; a replayed assertion (security-cases A29) and every tampered one are {@code 401 invalid_client}.
 */
@AuthServerTest
final class PrivateKeyJwtTests {

	static final SigningKey ES256 = SigningKey.es256("es-1");

	static final SigningKey ED25519 = SigningKey.ed25519("ed-1");

	static final SigningKey RS256 = SigningKey.rs256("rs-1");

	static final SigningKey PS256 = SigningKey.ps256("ps-1");

	@Value("${unified-auth.issuer}")
	String issuer;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	UnifiedAuthProperties properties;

	String clientId;

	AgentTokenRequests agent;

	@BeforeEach
	void registerAgent() {
		this.clientId = "pkjwt-agent-" + UUID.randomUUID();
		this.clients.save(AgentClients.agent(UUID.randomUUID().toString(), this.clientId, Instant.now())
			.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
			.clientSettings(AgentClients.clientSettings()
				.setting(ClientSettingNames.JWKS, ClientAssertions.jwksJson(ES256, ED25519, RS256, PS256))
				.build())
			.scope("documents:read")
			.build());
		this.agent = new AgentTokenRequests(this.issuer);
	}

	ClientAssertions.Builder assertion(SigningKey key) {
		return ClientAssertions.assertion(this.clientId, this.issuer, key);
	}

	static JWTClaimsSet claims(Response response) {
		try {
			return Jwts.parse(response.jsonPath().getString("access_token")).getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Stream<SigningKey> everyAlgorithm() {
		return Stream.of(ES256, ED25519, RS256, PS256);
	}

	@ParameterizedTest
	@MethodSource("everyAlgorithm")
	void tokenWhenAssertionSignedByARegisteredKeyThenTheAgentsIdentityToken(SigningKey key) {
		Response response = this.agent.clientCredentials(() -> assertion(key).build()).response();

		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		assertThat(response.jsonPath().getString("token_type")).isEqualTo("DPoP");
		JWTClaimsSet claims = claims(response);
		assertThat(claims.getSubject()).isEqualTo(this.clientId);
		assertThat(claims.getAudience()).containsExactly(this.issuer);
		assertThat(claims.getClaims()).doesNotContainKey("scope");
		assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(300_000);
	}

	@Test
	void tokenWhenAssertionAudienceIsTheTokenEndpointThenAccepted() {
		Response response = this.agent
			.clientCredentials(() -> assertion(ES256).audience(this.issuer + "/oauth2/token").build())
			.response();

		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
	}

	@Test
	void tokenWhenAssertionReplayedThenInvalidClient() {
		// A29 (OpenID Connect Core §9; RFC 7523 §3; CVE-2020-5300)
		AgentTokenRequests.Sent first = this.agent.clientCredentials(() -> assertion(ED25519).build());
		assertThat(first.response().statusCode()).as(first.response().asString()).isEqualTo(200);

		Response replay = new AgentTokenRequests(this.issuer).clientCredentialsWithAssertion(first.assertion());

		assertOAuthError(replay, 401, "invalid_client");
	}

	@Test
	void tokenWhenAssertionUsedAtIntrospectionThenItCannotBeUsedAgainAtTheTokenEndpoint() {
		String token = this.agent.clientCredentials(() -> assertion(ES256).build())
			.response()
			.jsonPath()
			.getString("access_token");
		String assertion = assertion(ES256).build();
		Response introspection = AuthorizationRequests.tokenRequest(this.issuer)
			.formParam("token", token)
			.formParam("client_assertion_type", ClientAssertions.TYPE)
			.formParam("client_assertion", assertion)
			.post("/oauth2/introspect");
		assertThat(introspection.statusCode()).as(introspection.asString()).isEqualTo(200);
		assertThat(introspection.jsonPath().getBoolean("active")).isTrue();

		assertOAuthError(this.agent.clientCredentialsWithAssertion(assertion), 401, "invalid_client");
	}

	static Stream<Arguments> tamperedAssertions() {
		return Stream.of(
				Arguments.of("wrong aud",
						(Tamper) (builder, issuer) -> builder.audience("https://other-server.example")),
				Arguments.of("expired", (Tamper) (builder, issuer) -> builder.issuedAt(Instant.now().minusSeconds(600))
					.expiresAt(Instant.now().minusSeconds(300))),
				Arguments.of("exp an hour ahead",
						(Tamper) (builder, issuer) -> builder.expiresAt(Instant.now().plusSeconds(3600))),
				Arguments.of("no exp", (Tamper) (builder, issuer) -> builder.expiresAt(null)),
				Arguments.of("iss another client", (Tamper) (builder, issuer) -> builder.issuer(DemoClients.BACKEND)),
				Arguments.of("no jti", (Tamper) (builder, issuer) -> builder.jti(null)),
				Arguments.of("unknown kid", (Tamper) (builder, issuer) -> builder.keyId("unknown-kid")),
				Arguments.of("alg none", (Tamper) (builder, issuer) -> builder.unsigned()),
				Arguments.of("HS256 keyed with the public key",
						(Tamper) (builder, issuer) -> builder.hs256(ES256.publicJwk().toJSONString())),
				Arguments.of("typ dpop+jwt", (Tamper) (builder, issuer) -> builder.header("typ", "dpop+jwt")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("tamperedAssertions")
	void tokenWhenAssertionTamperedThenInvalidClient(String name, Tamper tamper) {
		String assertion = tamper.apply(assertion(ES256), this.issuer).build();

		assertOAuthError(this.agent.clientCredentialsWithAssertion(assertion), 401, "invalid_client");
	}

	@Test
	void tokenWhenSignedByAKeyThatIsNotRegisteredThenInvalidClient() {
		SigningKey impostor = SigningKey.es256(ES256.publicJwk().getKeyID());

		assertOAuthError(this.agent.clientCredentialsWithAssertion(assertion(impostor).build()), 401,
				"invalid_client");
	}

	@Test
	void tokenWhenClientIdSentAndMatchingThenAcceptedAndWhenOtherThenInvalidClient() {
		Response matching = AuthorizationRequests.tokenRequest(this.issuer)
			.header("DPoP", this.agent.proof("POST", this.issuer + "/oauth2/token", null))
			.formParam("grant_type", "client_credentials")
			.formParam("client_id", this.clientId)
			.formParam("client_assertion_type", ClientAssertions.TYPE)
			.formParam("client_assertion", assertion(ES256).build())
			.post("/oauth2/token");
		Response other = AuthorizationRequests.tokenRequest(this.issuer)
			.header("DPoP", provenProof())
			.formParam("grant_type", "client_credentials")
			.formParam("client_id", DemoClients.SCHEDULING_AGENT)
			.formParam("client_assertion_type", ClientAssertions.TYPE)
			.formParam("client_assertion", assertion(ES256).build())
			.post("/oauth2/token");

		assertThat(matching.statusCode()).as(matching.asString()).isIn(200, 400);
		if (matching.statusCode() == 400) {
			// a server that demands DPoP nonces answers use_dpop_nonce only after the client authenticated
			assertThat(matching.jsonPath().getString("error")).isEqualTo("use_dpop_nonce");
		}
		assertOAuthError(other, 401, "invalid_client");
	}

	@Test
	void tokenWhenAssertionTypeIsNotJwtBearerThenInvalidClient() {
		Response response = AuthorizationRequests.tokenRequest(this.issuer)
			.header("DPoP", provenProof())
			.formParam("grant_type", "client_credentials")
			.formParam("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:saml2-bearer")
			.formParam("client_assertion", assertion(ES256).build())
			.post("/oauth2/token");

		assertOAuthError(response, 401, "invalid_client");
	}

	@Test
	void tokenWhenAssertionAndBasicAuthenticationTogetherThenInvalidRequest() {
		// RFC 6749 §2.3: one authentication method per request
		Response response = AuthorizationRequests.tokenRequest(this.issuer)
			.header("DPoP", provenProof())
			.auth()
			.preemptive()
			.basic(this.clientId, "any-secret")
			.formParam("grant_type", "client_credentials")
			.formParam("client_assertion_type", ClientAssertions.TYPE)
			.formParam("client_assertion", assertion(ES256).build())
			.post("/oauth2/token");

		assertOAuthError(response, 400, "invalid_request");
	}

	@Test
	void tokenWhenSecretAgentPresentsAnAssertionThenInvalidClient() {
		// the seeded agents authenticate with secrets only; an assertion with any key is refused
		String assertion = ClientAssertions.assertion(DemoClients.SCHEDULING_AGENT, this.issuer, ES256).build();

		assertOAuthError(this.agent.clientCredentialsWithAssertion(assertion), 401, "invalid_client");
	}

	@Test
	void tokenWhenPrivateKeyJwtAgentSendsASecretThenInvalidClient() {
		assertOAuthError(this.agent.clientCredentials(this.clientId, "guessed-secret", true, null), 401,
				"invalid_client");
	}

	@Test
	void tokenWhenClientUnknownThenInvalidClient() {
		String assertion = ClientAssertions.assertion("no-such-client", this.issuer, ES256).build();

		assertOAuthError(this.agent.clientCredentialsWithAssertion(assertion), 401, "invalid_client");
	}

	@Test
	void tokenWhenClientsKeysAreReplacedThenTheOldKeyNoLongerAuthenticates() {
		this.clients.save(RegisteredClient.from(this.clients.findByClientId(this.clientId))
			.clientSettings(ClientSettings.withSettings(this.clients.findByClientId(this.clientId)
				.getClientSettings()
				.getSettings()).setting(ClientSettingNames.JWKS, ClientAssertions.jwksJson(ED25519)).build())
			.build());

		assertOAuthError(this.agent.clientCredentialsWithAssertion(assertion(ES256).build()), 401, "invalid_client");
		assertThat(this.agent.clientCredentials(() -> assertion(ED25519).build()).response().statusCode())
			.isEqualTo(200);
	}

	@Test
	void tokenWhenServiceClientRedeemsACodeWithAnAssertionThenPkceIsStillChecked() {
		// OAuth 2.1 §4.1.3: Spring checks a confidential client's code_verifier during client authentication,
		// which is why PrivateKeyJwtAuthentication keeps Spring's provider around our verifier
		String serviceId = "pkjwt-service-" + UUID.randomUUID();
		this.clients.save(RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(serviceId)
			.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(DemoClients.LOOPBACK_REDIRECT)
			.scope("documents:read")
			.clientSettings(ClientDefaults.clientSettings()
				.setting(ClientSettingNames.JWKS, ClientAssertions.jwksJson(ES256))
				.build())
			.tokenSettings(ClientDefaults.tokenSettings(this.properties.tokens()))
			.build());
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL,
				DemoClients.ALICE_PASSWORD);
		IssuedCode code = IssuedCode.issue(alice, serviceId, "documents:read");

		Response wrongVerifier = redeem(serviceId, code, Pkce.generate().verifier());
		Response rightVerifier = redeem(serviceId, code, code.pkce().verifier());

		assertOAuthError(wrongVerifier, 400, "invalid_grant");
		assertThat(rightVerifier.statusCode()).as(rightVerifier.asString()).isEqualTo(200);
		assertThat(claims(rightVerifier).getSubject()).isEqualTo(DemoClients.ALICE_ID);
		assertThat(claims(rightVerifier).getClaim("client_id")).isEqualTo(serviceId);
	}

	Response redeem(String clientId, IssuedCode code, String verifier) {
		return AuthorizationRequests.tokenRequest(this.issuer)
			.formParam("grant_type", "authorization_code")
			.formParam("code", code.code())
			.formParam("redirect_uri", DemoClients.LOOPBACK_REDIRECT)
			.formParam("code_verifier", verifier)
			.formParam("client_assertion_type", ClientAssertions.TYPE)
			.formParam("client_assertion", ClientAssertions.assertion(clientId, this.issuer, ES256).build())
			.post("/oauth2/token");
	}

	/** Changes one thing of a valid assertion. */
	@FunctionalInterface
	interface Tamper {

		ClientAssertions.Builder apply(ClientAssertions.Builder builder, String issuer);

	}

	/**
	 * A DPoP proof with a current server nonce: agents are DPoP-bound and need nonces, which the token endpoint
	 * checks before client authentication; with both in order, these requests reach client authentication.
	 */
	private String provenProof() {
		Response first = AuthorizationRequests.tokenRequest(this.issuer)
			.header("DPoP", this.agent.proof("POST", this.issuer + "/oauth2/token", null))
			.formParam("grant_type", "client_credentials")
			.formParam("client_id", this.clientId)
			.post("/oauth2/token");
		String nonce = first.header("DPoP-Nonce");
		assertThat(nonce).as(first.asString()).isNotNull();
		return this.agent.proof("POST", this.issuer + "/oauth2/token", nonce);
	}

}
