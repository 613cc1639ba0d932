package dev.unifiedauth.resourceserver.access;

import dev.unifiedauth.core.testing.DPoPProofBuilder;
import dev.unifiedauth.core.testing.ProofKey;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resource server with DPoP nonces on ({@code resource-server.dpop.nonces=true}, RFC 9449 §9; security case
 * C26): a proof without a nonce, or with one this server did not issue, is 401 {@code use_dpop_nonce} with a
 * {@code DPoP} challenge and a fresh {@code DPoP-Nonce}; a proof with that nonce opens the API and gets the next
 * nonce; a proof without one is still refused afterwards.
 */
@TestPropertySource(properties = "resource-server.dpop.nonces=true")
class DPoPNonceTests extends ResourceServerHttpTest {

	private static final String DOCUMENTS = "/api/documents";

	private final ProofKey key = ProofKey.es256();

	@Test
	void documentsWhenNoNonceThenUseDPoPNonceAndTheNonceThenWorksAndLaterNoNonceIsStillRefused() {
		String token = issuer.agent("documents:read", "scheduling-agent-001").boundTo(this.key).mint();

		Response first = call(token, null);
		String nonce = assertUseDPoPNonce(first);

		Response second = call(token, nonce);
		assertThat(second.statusCode()).as(second.asString()).isEqualTo(200);
		assertThat(second.header("DPoP-Nonce")).as("the next nonce").isNotBlank();

		assertUseDPoPNonce(call(token, null));
	}

	@Test
	void documentsWhenTheNonceIsNotOneThisServerIssuedThenUseDPoPNonce() {
		String token = issuer.agent("documents:read", "scheduling-agent-001").boundTo(this.key).mint();

		assertUseDPoPNonce(call(token, "made-up-nonce"));
		assertUseDPoPNonce(call(token, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
	}

	private Response call(String token, String nonce) {
		DPoPProofBuilder proof = DPoPProofBuilder.with(this.key).htm("GET").htu(TestIssuer.AUDIENCE + DOCUMENTS)
			.ath(token);
		if (nonce != null) {
			proof.nonce(nonce);
		}
		return given().header("Authorization", "DPoP " + token).header("DPoP", proof.build()).get(DOCUMENTS);
	}

	private static String assertUseDPoPNonce(Response response) {
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).startsWith("DPoP error=\"use_dpop_nonce\"");
		assertThat(response.jsonPath().getString("error")).isEqualTo("use_dpop_nonce");
		String nonce = response.header("DPoP-Nonce");
		assertThat(nonce).isNotBlank();
		return nonce;
	}

}
