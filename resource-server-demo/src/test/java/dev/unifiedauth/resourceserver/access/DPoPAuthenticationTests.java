package dev.unifiedauth.resourceserver.access;

import java.time.Instant;
import java.util.Map;

import dev.unifiedauth.core.testing.DPoPProofBuilder;
import dev.unifiedauth.core.testing.ProofKey;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bearer and DPoP at the resource server (RFC 6750 §2, RFC 9449 §7), through the real filter chain: security
 * cases C16-C22 and the resource-server side of C01, C03, C08-C10, C12, G12. A proof names this server's resource
 * identifier ({@value TestIssuer#AUDIENCE}) plus the path, not the URL the request arrived at.
 */
class DPoPAuthenticationTests extends ResourceServerHttpTest {

	private static final String DOCUMENTS = "/api/documents";

	private final ProofKey key = ProofKey.es256();

	@Test
	void documentsWhenDPoPBoundTokenWithValidProofThenOk() {
		String token = agentToken();
		assertThat(dpop(token, this.key, "GET", DOCUMENTS).get(DOCUMENTS).statusCode()).isEqualTo(200);
	}

	@Test
	void documentsWhenTheClocksDifferBy90SecondsThenTheProofIsRefusedAnd30SecondsThenAccepted() {
		// H09 (RFC 9449 §11.1): a proof whose iat is 90 s off is what this server sees when its clock runs 90 s
		// ahead of (or behind) the client's; the window is 60 s either way
		String token = agentToken();
		Instant now = Instant.now();
		for (long offset : new long[] { -90, 90 }) {
			String proof = DPoPProofBuilder.with(this.key).htm("GET").htu(TestIssuer.AUDIENCE + DOCUMENTS).ath(token)
				.iat(now.plusSeconds(offset)).build();
			assertProofError(given().header("Authorization", "DPoP " + token).header("DPoP", proof).get(DOCUMENTS));
		}
		for (long offset : new long[] { -30, 30 }) {
			String proof = DPoPProofBuilder.with(this.key).htm("GET").htu(TestIssuer.AUDIENCE + DOCUMENTS).ath(token)
				.iat(now.plusSeconds(offset)).build();
			assertThat(given().header("Authorization", "DPoP " + token).header("DPoP", proof).get(DOCUMENTS)
				.statusCode()).isEqualTo(200);
		}
	}

	@Test
	void documentsWhenProofIsEdDSAThenOk() {
		ProofKey ed25519 = ProofKey.ed25519();
		String token = issuer.agent("documents:read", "scheduling-agent-001").boundTo(ed25519).mint();
		assertThat(dpop(token, ed25519, "GET", DOCUMENTS).get(DOCUMENTS).statusCode()).isEqualTo(200);
	}

	@Test
	void documentsWhenAthIsOfAnotherTokenOrMissingThenInvalidDPoPProof() {
		String token = agentToken();
		String other = agentToken();
		assertProofError(withProof(token, proof().ath(other).build())); // C16
		assertProofError(withProof(token, proof().claim("ath", "not-a-hash").build()));
		assertProofError(withProof(token, proof().build())); // C03: no ath at a resource server
	}

	@Test
	void documentsWhenProofKeyIsNotTheBoundKeyThenInvalidToken() {
		String token = agentToken();
		Response response = withProof(token,
				DPoPProofBuilder.with(ProofKey.es256()).htm("GET").htu(TestIssuer.AUDIENCE + DOCUMENTS).ath(token).build());
		assertThat(response.statusCode()).isEqualTo(401); // C17, pinned rule 2
		assertThat(response.header("WWW-Authenticate")).startsWith("DPoP error=\"invalid_token\"")
			.contains("algs=\"ES256 PS256 RS256 EdDSA\"");
		assertThat(response.jsonPath().getString("error")).isEqualTo("invalid_token");
	}

	@Test
	void documentsWhenDPoPBoundTokenSentAsBearerWithOrWithoutProofThenUnauthorized() {
		String token = agentToken();
		for (Response response : new Response[] { bearer(token).get(DOCUMENTS),
				bearer(token).header("DPoP", proof(this.key, "GET", DOCUMENTS, token)).get(DOCUMENTS) }) {
			assertThat(response.statusCode()).isEqualTo(401); // C18, RFC 9449 §7.2
			assertThat(response.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"")
				.contains(", DPoP algs=");
			assertThat(response.jsonPath().getString("error")).isEqualTo("invalid_token");
		}
	}

	@Test
	void documentsWhenDPoPBoundTokenWithoutDPoPHeaderThenDPoPChallenge() {
		Response response = given().header("Authorization", "DPoP " + agentToken()).get(DOCUMENTS);
		assertThat(response.statusCode()).isEqualTo(401); // C19
		assertThat(response.header("WWW-Authenticate")).startsWith("DPoP error=\"invalid_dpop_proof\"")
			.contains("algs=\"ES256 PS256 RS256 EdDSA\"")
			.contains("resource_metadata=");
	}

	@Test
	void documentsWhenTokenIsInTheQueryOrFormBodyThenInvalidRequest() {
		String token = issuer.token("documents:read documents:create");
		assertInvalidRequest(given().queryParam("access_token", token).get(DOCUMENTS)); // C20
		assertInvalidRequest(bearer(token).queryParam("access_token", token).get(DOCUMENTS));
		assertInvalidRequest(given().formParam("access_token", token).post(DOCUMENTS));
		assertInvalidRequest(bearer(token).formParam("access_token", token).put(DOCUMENTS + "/doc-1"));
	}

	@Test
	void documentsWhenBearerAndDPoPAuthorizationHeadersThenInvalidRequest() {
		String bearerToken = issuer.token("documents:read");
		String dpopToken = agentToken();
		Response response = given().header("Authorization", "Bearer " + bearerToken)
			.header("Authorization", "DPoP " + dpopToken)
			.header("DPoP", proof(this.key, "GET", DOCUMENTS, dpopToken))
			.get(DOCUMENTS);
		assertInvalidRequest(response); // C21, RFC 9449 §7.2 Fig. 19
	}

	@Test
	void documentsWhenSchemeAndHeaderNamesInOtherCaseAndProofHasExtrasThenOk() {
		String token = agentToken();
		String proof = proof().ath(token).header("kid", "extra-header").claim("extra", "claim").build();
		Response response = given().header("Authorization", "dpop " + token).header("DPOP", proof).get(DOCUMENTS);
		assertThat(response.statusCode()).isEqualTo(200); // C22
		String bearerToken = issuer.token("documents:read");
		assertThat(given().header("Authorization", "BEARER " + bearerToken).get(DOCUMENTS).statusCode())
			.isEqualTo(200);
	}

	@Test
	void documentsWhenTheSameProofIsSentTwiceThenTheSecondIsInvalidDPoPProof() {
		String token = agentToken();
		String proof = proof(this.key, "GET", DOCUMENTS, token);
		assertThat(withProof(token, proof).statusCode()).isEqualTo(200);
		assertProofError(withProof(token, proof)); // C12, RFC 9449 §11.1
	}

	@Test
	void documentsWhenTwoDPoPHeadersThenInvalidDPoPProof() {
		String token = agentToken();
		Response response = given().header("Authorization", "DPoP " + token)
			.header("DPoP", proof(this.key, "GET", DOCUMENTS, token))
			.header("DPoP", proof(this.key, "GET", DOCUMENTS, token))
			.get(DOCUMENTS);
		assertProofError(response); // C01
	}

	@Test
	void documentsWhenHtuIsTheRequestUrlInsteadOfTheResourceIdentifierThenInvalidDPoPProof() {
		String token = agentToken();
		String requestUrl = "http://localhost:" + this.port + DOCUMENTS;
		assertProofError(withProof(token, proof().htu(requestUrl).ath(token).build()));
		assertProofError(withProof(token, proof().htu(TestIssuer.AUDIENCE + "/api/users").ath(token).build())); // C09
		assertProofError(withProof(token, proof().htu("http://localhost:9000/oauth2/token").ath(token).build()));
	}

	@Test
	void documentsWhenHtuHasQueryAndFragmentThenOk() {
		String token = agentToken();
		String proof = proof().htu(TestIssuer.AUDIENCE + DOCUMENTS + "?q=1#f").ath(token).build();
		assertThat(withProof(token, proof).statusCode()).isEqualTo(200); // C10
	}

	@Test
	void documentsWhenHtmIsNotTheRequestMethodThenInvalidDPoPProof() {
		String token = agentToken();
		assertProofError(withProof(token, proof().htm("POST").ath(token).build())); // C08
	}

	@Test
	void documentsWhenMethodOverrideHeaderThenHtmIsTheMethodReceived() {
		String token = issuer.agent("documents:create", "scheduling-agent-001").boundTo(this.key).mint();
		Response response = dpop(token, this.key, "POST", DOCUMENTS).header("X-HTTP-Method-Override", "GET")
			.contentType("application/json")
			.body("{\"title\":\"Agent notes\"}")
			.post(DOCUMENTS);
		assertThat(response.statusCode()).isEqualTo(201); // G12
	}

	@Test
	void documentsWhenUnboundTokenWithDPoPSchemeThenInvalidToken() {
		String token = issuer.token("documents:read");
		Response response = dpop(token, this.key, "GET", DOCUMENTS).get(DOCUMENTS);
		assertThat(response.statusCode()).isEqualTo(401); // RFC 9449 §7.1
		assertThat(response.header("WWW-Authenticate")).startsWith("DPoP error=\"invalid_token\"");
	}

	@Test
	void documentsWhenProofIsMalformedOrSignatureFlippedThenInvalidDPoPProof() {
		String token = agentToken();
		assertProofError(withProof(token, "invalid"));
		assertProofError(withProof(token, proof().ath(token).tamperSignature((signature) -> {
			signature[0] ^= 1;
			return signature;
		}).build()));
		assertProofError(withProof(token, proof().ath(token).header("typ", "JWT").build()));
	}

	@Test
	void documentsWhenTokenHasCnfWithoutJktThenInvalidToken() {
		String token = issuer.agent("documents:read", "scheduling-agent-001")
			.claim("cnf", Map.of("x5t#S256", "abc"))
			.mint();
		assertThat(bearer(token).get(DOCUMENTS).statusCode()).isEqualTo(401);
		assertThat(dpop(token, this.key, "GET", DOCUMENTS).get(DOCUMENTS).statusCode()).isEqualTo(401);
	}

	private String agentToken() {
		return issuer.agent("documents:read", "scheduling-agent-001").boundTo(this.key).mint();
	}

	/** A GET proof of this test's key for the documents list, without {@code ath} (add it as needed). */
	private DPoPProofBuilder proof() {
		return DPoPProofBuilder.with(this.key).htm("GET").htu(TestIssuer.AUDIENCE + DOCUMENTS);
	}

	private Response withProof(String token, String proof) {
		return given().header("Authorization", "DPoP " + token).header("DPoP", proof).get(DOCUMENTS);
	}

	private static void assertProofError(Response response) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).startsWith("DPoP error=\"invalid_dpop_proof\"")
			.contains("algs=\"ES256 PS256 RS256 EdDSA\"");
		assertThat(response.jsonPath().getString("error")).isEqualTo("invalid_dpop_proof");
	}

	private static void assertInvalidRequest(Response response) {
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.jsonPath().getString("error")).isEqualTo("invalid_request");
	}

}
