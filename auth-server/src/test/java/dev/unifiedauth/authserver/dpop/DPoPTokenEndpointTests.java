package dev.unifiedauth.authserver.dpop;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.unifiedauth.authserver.UnifiedAuthProperties;
import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.AuthorizationRequests;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.ClientRequests;
import dev.unifiedauth.authserver.testing.DPoPProofs;
import dev.unifiedauth.authserver.testing.DemoClients;
import dev.unifiedauth.authserver.testing.IssuedCode;
import dev.unifiedauth.authserver.testing.Jwts;
import dev.unifiedauth.authserver.testing.Pkce;
import dev.unifiedauth.authserver.testing.TestClients;
import dev.unifiedauth.core.testing.DPoPProofBuilder;
import dev.unifiedauth.core.testing.ProofKey;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertBearerTokenResponse;
import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertErrorRedirect;
import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertOAuthError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * DPoP at the token endpoint through the real filter chain (security-cases A21, C01-C13, C25, C26, G12): every
 * refused proof is {@code 400 invalid_dpop_proof} (RFC 9449 §5) or {@code use_dpop_nonce} with a
 * {@code DPoP-Nonce} (§8); an accepted proof binds the access token ({@code cnf.jkt}, {@code token_type DPoP}).
 */
@AuthServerTest
final class DPoPTokenEndpointTests {

	@Value("${unified-auth.issuer}")
	String issuer;

	@Value("${server.port}")
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PasswordEncoder clientSecrets;

	@Autowired
	UnifiedAuthProperties properties;

	ClientRequests backend;

	@BeforeEach
	void backend() {
		this.backend = ClientRequests.backend(this.issuer);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "ES256", "PS256", "RS256", "EdDSA" })
	void tokenWhenClientCredentialsWithValidProofThenDPoPTokenBoundToTheProofKey(String algorithm) {
		// RFC 9449 §5, §6.1; A21. Spring's own verifier knows no EdDSA: a DPoP token for it shows Spring never saw
		// the header, and a normal token response shows Spring issued the token as usual.
		ProofKey key = switch (algorithm) {
			case "PS256" -> ProofKey.ps256();
			case "RS256" -> ProofKey.rs256();
			case "EdDSA" -> ProofKey.ed25519();
			default -> ProofKey.es256();
		};

		Response response = clientCredentials(this.backend, DPoPProofs.tokenRequest(this.issuer, key).build());

		assertDPoPTokenResponse(response, key);
		Map<String, Object> claims = Jwts.claims(response.jsonPath().getString("access_token"));
		assertThat(claims).containsEntry("client_id", DemoClients.BACKEND).containsEntry("scope", "documents:read");
		assertThat(Jwts.header(response.jsonPath().getString("access_token"))).containsEntry("typ", "at+jwt");
	}

	@Test
	void tokenWhenNoProofThenBearerTokenWithoutCnf() {
		Response response = clientCredentials(this.backend);

		assertBearerTokenResponse(response);
		assertThat(Jwts.claims(response.jsonPath().getString("access_token"))).doesNotContainKey("cnf");
		assertThat(response.header(DPoPProofs.NONCE_HEADER)).isNull();
	}

	@Test
	void tokenWhenAuthorizationCodeRedeemedWithProofThenDPoPBoundAccessToken() {
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
		IssuedCode code = IssuedCode.issue(alice, DemoClients.BACKEND, "openid documents:read");
		ProofKey key = ProofKey.es256();

		Response response = this.backend.authenticated()
			.header(DPoPProofs.HEADER, DPoPProofs.tokenRequest(this.issuer, key).build())
			.formParam("grant_type", "authorization_code")
			.formParam("code", code.code())
			.formParam("redirect_uri", DemoClients.LOOPBACK_REDIRECT)
			.formParam("code_verifier", code.pkce().verifier())
			.post("/oauth2/token");

		assertDPoPTokenResponse(response, key);
		assertThat(Jwts.claims(response.jsonPath().getString("id_token"))).doesNotContainKey("cnf");
	}

	@Test
	void tokenWhenTheCodeIsBoundWithDpopJktThenOnlyAProofOfThatKeyRedeemsIt() {
		// C23 (RFC 9449 §10): another key or no proof is invalid_grant and leaves the code to its rightful holder
		ProofKey key = ProofKey.es256();
		Pkce pkce = Pkce.generate();
		String code = boundCode(pkce, key.thumbprint());

		int refusalsBefore = keyRefusals();
		assertOAuthError(redeem(code, pkce, DPoPProofs.tokenRequest(this.issuer, ProofKey.es256()).build()), 400,
				"invalid_grant");
		assertOAuthError(redeem(code, pkce, null), 400, "invalid_grant");
		assertThat(keyRefusals()).as("each refusal is audited").isEqualTo(refusalsBefore + 2);
		assertDPoPTokenResponse(redeem(code, pkce, DPoPProofs.tokenRequest(this.issuer, key).build()), key);
	}

	@Test
	void tokenWhenABoundCodeComesBackWithoutItsKeyAfterItWasRedeemedThenItIsAReuseAndItsTokensAreRevoked() {
		// the reuse is answered as a reuse (OAuth 2.1 §4.1.3) before the key is looked at
		ProofKey key = ProofKey.es256();
		Pkce pkce = Pkce.generate();
		String code = boundCode(pkce, key.thumbprint());
		Response first = redeem(code, pkce, DPoPProofs.tokenRequest(this.issuer, key).build());
		assertDPoPTokenResponse(first, key);

		assertOAuthError(redeem(code, pkce, null), 400, "invalid_grant");

		assertThat(this.backend.isActive(first.jsonPath().getString("access_token"))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "short", "not base64url characters in forty-three chars!", "" })
	void authorizeWhenDpopJktIsNotAThumbprintThenInvalidRequestRedirect(String jkt) {
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
		Map<String, String> request = AuthorizationRequests.codeRequest(DemoClients.BACKEND, "documents:read",
				Pkce.generate());
		request.put("dpop_jkt", jkt);

		assertErrorRedirect(alice.authorize(request), DemoClients.LOOPBACK_REDIRECT, "invalid_request",
				request.get("state"), this.issuer);
	}

	private int keyRefusals() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE type = 'dpop.proof'"
				+ " AND reason = 'dpop_jkt_mismatch'", Integer.class);
	}

	private String boundCode(Pkce pkce, String jkt) {
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
		Map<String, String> request = AuthorizationRequests.codeRequest(DemoClients.BACKEND, "documents:read", pkce);
		request.put("dpop_jkt", jkt);
		Response response = alice.authorizeAndApprove(request);
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(302);
		return BrowserSession.query(response.header("Location")).get("code");
	}

	private Response redeem(String code, Pkce pkce, String proof) {
		RequestSpecification request = this.backend.authenticated();
		if (proof != null) {
			request.header(DPoPProofs.HEADER, proof);
		}
		return request.formParam("grant_type", "authorization_code")
			.formParam("code", code)
			.formParam("redirect_uri", DemoClients.LOOPBACK_REDIRECT)
			.formParam("code_verifier", pkce.verifier())
			.post("/oauth2/token");
	}

	@Test
	void tokenWhenTwoDPoPHeadersThenInvalidDPoPProof() {
		// C01, RFC 9449 §4.3 (1): even if both are valid
		Response response = clientCredentials(this.backend, DPoPProofs.tokenRequest(this.issuer).build(),
				DPoPProofs.tokenRequest(this.issuer).build());

		assertOAuthError(response, 400, "invalid_dpop_proof");
		assertThat(response.jsonPath().getString("error_description")).contains("exactly one");
	}

	@ParameterizedTest
	@ValueSource(strings = { "invalid", "eyJ0eXAiOiJkcG9wK2p3dCJ9.e30",
			"eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a2V5.aXY.Y2lwaGVy.dGFn", "eyJ0eXAi+OiJkcG9w.e30=.c2ln",
			" " })
	void tokenWhenProofIsNotAJwsThenInvalidDPoPProof(String proof) {
		// C01-C02, RFC 9449 §4.3 (2): garbage, two parts, JWE, bad base64url, blank
		assertOAuthError(clientCredentials(this.backend, proof), 400, "invalid_dpop_proof");
	}

	static Stream<Arguments> tamperedProofs() {
		return Stream.of(
				// C03, (3)
				tampered("jti missing", (proof, issuer) -> proof.withoutClaim("jti")),
				tampered("htm missing", (proof, issuer) -> proof.withoutClaim("htm")),
				tampered("htu missing", (proof, issuer) -> proof.withoutClaim("htu")),
				tampered("iat missing", (proof, issuer) -> proof.withoutClaim("iat")),
				// C04, (4)
				tampered("typ absent", (proof, issuer) -> proof.withoutHeader("typ")),
				tampered("typ JWT", (proof, issuer) -> proof.header("typ", "JWT")),
				tampered("typ dpop+jwt+x", (proof, issuer) -> proof.header("typ", "dpop+jwt+x")),
				// C05, (5)
				tampered("alg none", (proof, issuer) -> proof.header("alg", "none")),
				tampered("alg HS256 with an oct jwk", (proof, issuer) -> proof.header("alg", "HS256")
					.header("jwk", Map.of("kty", "oct", "k", "c2VjcmV0LXNlY3JldC1zZWNyZXQ"))
					.signedWith(DPoPTokenEndpointTests::hmacSha256)),
				tampered("alg RS256 over an EC jwk", (proof, issuer) -> proof.header("alg", "RS256")),
				tampered("alg missing", (proof, issuer) -> proof.withoutHeader("alg")),
				// C06, (6)
				tampered("one signature bit flipped", (proof, issuer) -> proof.tamperSignature((signature) -> {
					byte[] flipped = signature.clone();
					flipped[17] ^= 0x04;
					return flipped;
				})),
				tampered("ES256 r=s=0", (proof, issuer) -> proof.signedWith((input) -> new byte[64])),
				// C07, (7)
				tampered("jwk with d", (proof, issuer) -> proof.header("jwk", proof.key().privateKey().toJSONObject())),
				tampered("jwk missing", (proof, issuer) -> proof.withoutHeader("jwk")),
				tampered("jwk a string", (proof, issuer) -> proof.header("jwk", proof.key().publicKey().toJSONString())),
				tampered("jwk kty oct", (proof, issuer) -> proof.header("jwk", Map.of("kty", "oct", "k", "c2VjcmV0"))),
				// C08, (8)
				tampered("htm PUT on a POST", (proof, issuer) -> proof.htm("PUT")),
				// C09, (9)
				tampered("htu other path", (proof, issuer) -> proof.htu(issuer + "/oauth2/introspect")),
				tampered("htu other host", (proof, issuer) -> proof.htu(issuer.replace("localhost", "127.0.0.2")
						+ DPoPProofs.TOKEN_ENDPOINT)),
				tampered("htu other port", (proof, issuer) -> proof.htu(otherPort(issuer) + DPoPProofs.TOKEN_ENDPOINT)),
				tampered("htu other scheme", (proof, issuer) -> proof.htu(issuer.replace("http:", "https:")
						+ DPoPProofs.TOKEN_ENDPOINT)),
				// C13, (11)
				tampered("iat now-1h", (proof, issuer) -> proof.iat(Instant.now().minus(Duration.ofHours(1)))),
				tampered("iat now+1h", (proof, issuer) -> proof.iat(Instant.now().plus(Duration.ofHours(1)))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("tamperedProofs")
	void tokenWhenProofTamperedThenInvalidDPoPProofAndNoToken(String name, Tamper tamper) {
		String proof = tamper.apply(DPoPProofs.tokenRequest(this.issuer), this.issuer).build();

		assertOAuthError(clientCredentials(this.backend, proof), 400, "invalid_dpop_proof");
	}

	@Test
	void tokenWhenHtuHasQueryAndFragmentThenAccepted() {
		// C10, RFC 9449 §4.3 (9): query and fragment are ignored
		ProofKey key = ProofKey.es256();
		String proof = DPoPProofs.tokenRequest(this.issuer, key).htu(this.issuer + "/oauth2/token?q=1#f").build();

		assertDPoPTokenResponse(clientCredentials(this.backend, proof), key);
	}

	@Test
	void tokenWhenHtuHasUpperCaseSchemeAndHostThenAccepted() {
		// C11 (pinned: accepted), RFC 3986 §6.2.2.1, §6.2.3
		ProofKey key = ProofKey.es256();
		String htu = this.issuer.replace("http://localhost", "HTTP://LOCALHOST") + DPoPProofs.TOKEN_ENDPOINT;

		assertDPoPTokenResponse(clientCredentials(this.backend, DPoPProofs.tokenRequest(this.issuer, key).htu(htu).build()),
				key);
	}

	@Test
	void tokenWhenSameProofSentTwiceThenSecondIsInvalidDPoPProof() {
		// C12, RFC 9449 §11.1
		ProofKey key = ProofKey.es256();
		String proof = DPoPProofs.tokenRequest(this.issuer, key).build();

		assertDPoPTokenResponse(clientCredentials(this.backend, proof), key);
		assertOAuthError(clientCredentials(this.backend, proof), 400, "invalid_dpop_proof");
	}

	@Test
	void tokenWhenIatTenSecondsOffThenAccepted() {
		// C13: inside the pinned ±60 s window
		ProofKey key = ProofKey.es256();

		assertDPoPTokenResponse(clientCredentials(this.backend,
				DPoPProofs.tokenRequest(this.issuer, key).iat(Instant.now().minusSeconds(10)).build()), key);
		assertDPoPTokenResponse(clientCredentials(this.backend,
				DPoPProofs.tokenRequest(this.issuer, key).iat(Instant.now().plusSeconds(10)).build()), key);
	}

	@Test
	void tokenWhenRequestArrivesOnAnotherUrlThenHtuIsTheConfiguredIssuersTokenEndpoint() {
		// The request URL is what a proxy may rewrite; the proof names the URL the client knows: the issuer's
		ProofKey key = ProofKey.es256();
		String direct = "http://127.0.0.1:" + this.port;

		assertDPoPTokenResponse(clientCredentials(viaBaseUri(direct), DPoPProofs.tokenRequest(this.issuer, key).build()),
				key);
		assertOAuthError(clientCredentials(viaBaseUri(direct), DPoPProofs.tokenRequest(direct, key).build()), 400,
				"invalid_dpop_proof");
	}

	@Test
	void tokenWhenMethodOverrideHeaderSentThenHtmIsStillTheRealMethod() {
		// G12, RFC 9449 §4.3 (8): X-HTTP-Method-Override is not the method
		ProofKey key = ProofKey.es256();

		Response post = this.backend.authenticated()
			.header("X-HTTP-Method-Override", "GET")
			.header(DPoPProofs.HEADER, DPoPProofs.tokenRequest(this.issuer, key).htm("POST").build())
			.formParam("grant_type", "client_credentials")
			.post("/oauth2/token");
		Response get = this.backend.authenticated()
			.header("X-HTTP-Method-Override", "GET")
			.header(DPoPProofs.HEADER, DPoPProofs.tokenRequest(this.issuer, key).htm("GET").build())
			.formParam("grant_type", "client_credentials")
			.post("/oauth2/token");

		assertDPoPTokenResponse(post, key);
		assertOAuthError(get, 400, "invalid_dpop_proof");
	}

	@Test
	void tokenWhenPathPercentEncodedThenTheProofIsStillVerifiedHere() {
		// Spring's token endpoint also answers /oauth2/%74oken; an EdDSA proof, which Spring's own verifier cannot
		// check, is accepted only if this server's filter saw the request
		ProofKey key = ProofKey.ed25519();

		Response response = this.backend.authenticated()
			.urlEncodingEnabled(false)
			.header(DPoPProofs.HEADER, DPoPProofs.tokenRequest(this.issuer, key).build())
			.formParam("grant_type", "client_credentials")
			.post("/oauth2/%74oken");

		assertDPoPTokenResponse(response, key);
	}

	@Test
	void tokenWhenClientUnknownThenInvalidClientAndTheProofIsNotUsedUp() {
		ProofKey key = ProofKey.es256();
		String proof = DPoPProofs.tokenRequest(this.issuer, key).build();
		ClientRequests unknown = new ClientRequests(this.issuer, "no-such-client", "secret");

		assertOAuthError(clientCredentials(unknown, proof), 401, "invalid_client");
		assertDPoPTokenResponse(clientCredentials(this.backend, proof), key);
	}

	@Test
	void tokenWhenDPoPBoundClientSendsNoProofThenInvalidDPoPProof() {
		// C25, B25, RFC 9449 §5.2 (dpop_bound_access_tokens)
		ClientRequests bound = TestClients.dpopBoundBackend(this.issuer, this.clients, this.clientSecrets,
				this.properties);
		ProofKey key = ProofKey.es256();

		assertOAuthError(clientCredentials(bound), 400, "invalid_dpop_proof");
		assertDPoPTokenResponse(clientCredentials(bound, DPoPProofs.tokenRequest(this.issuer, key).build()), key);
	}

	@Test
	void tokenWhenDPoPBoundClientNamedByClientIdOrAssertionThenProofRequired() {
		// The client is identified before Spring authenticates it: client_secret_post and a client_assertion's sub
		TestClients.dpopBoundBackend(this.issuer, this.clients, this.clientSecrets, this.properties);

		Response post = given().baseUri(this.issuer)
			.contentType("application/x-www-form-urlencoded")
			.formParam("grant_type", "client_credentials")
			.formParam("client_id", TestClients.DPOP_BOUND_BACKEND)
			.formParam("client_secret", TestClients.DPOP_BOUND_BACKEND_SECRET)
			.post("/oauth2/token");
		Response assertion = given().baseUri(this.issuer)
			.contentType("application/x-www-form-urlencoded")
			.formParam("grant_type", "client_credentials")
			.formParam("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
			.formParam("client_assertion", unsignedAssertion(TestClients.DPOP_BOUND_BACKEND))
			.post("/oauth2/token");

		assertOAuthError(post, 400, "invalid_dpop_proof");
		assertOAuthError(assertion, 400, "invalid_dpop_proof");
	}

	@Test
	void tokenWhenNonceClientSendsNoNonceThenUseDPoPNonceAndTheNonceThenWorks() {
		// C26, RFC 9449 §8: no nonce -> use_dpop_nonce + DPoP-Nonce; retried with it -> token (and a new nonce)
		ClientRequests nonceClient = TestClients.dpopNonceBackend(this.issuer, this.clients, this.clientSecrets,
				this.properties);
		ProofKey key = ProofKey.es256();

		Response first = clientCredentials(nonceClient, DPoPProofs.tokenRequest(this.issuer, key).build());
		assertOAuthError(first, 400, "use_dpop_nonce");
		String nonce = first.header(DPoPProofs.NONCE_HEADER);
		assertThat(nonce).matches("[A-Za-z0-9_-]{32}");

		Response retried = clientCredentials(nonceClient, DPoPProofs.tokenRequest(this.issuer, key).nonce(nonce).build());
		assertDPoPTokenResponse(retried, key);
		assertThat(retried.header(DPoPProofs.NONCE_HEADER)).matches("[A-Za-z0-9_-]{32}");
	}

	@Test
	void tokenWhenNonceClientSendsAWrongNonceThenUseDPoPNonceAndLaterNoNonceProofStillRefused() {
		// C26: a wrong nonce, then (after a success) a proof without nonce again
		ClientRequests nonceClient = TestClients.dpopNonceBackend(this.issuer, this.clients, this.clientSecrets,
				this.properties);
		ProofKey key = ProofKey.es256();

		Response wrong = clientCredentials(nonceClient,
				DPoPProofs.tokenRequest(this.issuer, key).nonce("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").build());
		assertOAuthError(wrong, 400, "use_dpop_nonce");
		assertThat(wrong.header(DPoPProofs.NONCE_HEADER)).isNotBlank();
		assertDPoPTokenResponse(clientCredentials(nonceClient,
				DPoPProofs.tokenRequest(this.issuer, key).nonce(wrong.header(DPoPProofs.NONCE_HEADER)).build()), key);

		Response withoutNonce = clientCredentials(nonceClient, DPoPProofs.tokenRequest(this.issuer, key).build());
		assertOAuthError(withoutNonce, 400, "use_dpop_nonce");
		assertThat(withoutNonce.header(DPoPProofs.NONCE_HEADER)).isNotBlank();
	}

	@Test
	void tokenWhenNonceClientSendsNoProofThenInvalidDPoPProofWithANonce() {
		ClientRequests nonceClient = TestClients.dpopNonceBackend(this.issuer, this.clients, this.clientSecrets,
				this.properties);

		Response response = clientCredentials(nonceClient);

		assertOAuthError(response, 400, "invalid_dpop_proof");
		assertThat(response.header(DPoPProofs.NONCE_HEADER)).isNotBlank();
	}

	private Response clientCredentials(ClientRequests client, String... proofs) {
		RequestSpecification request = client.authenticated()
			.formParam("grant_type", "client_credentials")
			.formParam("scope", "documents:read");
		for (String proof : proofs) {
			request.header(DPoPProofs.HEADER, proof);
		}
		return request.post("/oauth2/token");
	}

	private static ClientRequests viaBaseUri(String baseUri) {
		return ClientRequests.backend(baseUri);
	}

	/** RFC 9449 §5, §6.1: 200, never cached, token_type DPoP, cnf.jkt = the proof key's thumbprint. */
	static void assertDPoPTokenResponse(Response response, ProofKey key) {
		assertThat(response.statusCode()).as("status of %s", response.asString()).isEqualTo(200);
		assertThat(response.header("Cache-Control")).contains("no-store");
		assertThat(response.jsonPath().getString("token_type")).isEqualTo("DPoP");
		Map<String, Object> claims = Jwts.claims(response.jsonPath().getString("access_token"));
		assertThat(claims.get("cnf")).isEqualTo(Map.of("jkt", key.thumbprint()));
	}

	private static String otherPort(String issuer) {
		int colon = issuer.lastIndexOf(':');
		return issuer.substring(0, colon + 1) + (Integer.parseInt(issuer.substring(colon + 1)) + 1);
	}

	private static String unsignedAssertion(String clientId) {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		Map<String, Object> claims = Map.of("iss", clientId, "sub", clientId, "aud", "x", "jti", "j", "exp",
				Instant.now().plusSeconds(60).getEpochSecond());
		return base64.encodeToString("{\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8)) + "."
				+ base64.encodeToString(JSONObjectUtils.toJSONString(claims).getBytes(StandardCharsets.UTF_8)) + ".c2ln";
	}

	private static byte[] hmacSha256(byte[] input) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec("secret-secret-secret".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
			return mac.doFinal(input);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Arguments tampered(String name, Tamper tamper) {
		return arguments(name, tamper);
	}

	/** Turns a valid proof for the token endpoint into a tampered one. */
	@FunctionalInterface
	interface Tamper {

		DPoPProofBuilder apply(DPoPProofBuilder proof, String issuer);

	}

}
