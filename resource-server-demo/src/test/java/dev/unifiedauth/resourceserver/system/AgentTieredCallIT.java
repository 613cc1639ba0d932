package dev.unifiedauth.resourceserver.system;

import java.util.Map;

import dev.unifiedauth.authserver.testing.AuthorizationRequests;
import dev.unifiedauth.authserver.testing.Delegations;
import dev.unifiedauth.authserver.testing.DPoPProofs;
import dev.unifiedauth.core.testing.DPoPProofBuilder;
import dev.unifiedauth.core.testing.ProofKey;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real agent token, issued by the packaged authorization server through the token exchange of
 * docs/delegation.md, used at the packaged resource server with DPoP: FREE runs, FORBIDDEN is refused, the token
 * is useless as Bearer or with another key, and alice's own token is governed by her role.
 */
class AgentTieredCallIT {

	private static final String AGENT = "scheduling-agent-001";

	private static final String AGENT_SECRET = "scheduling-agent-secret";

	@Test
	void agentWhenCallingWithItsDelegatedDPoPTokenThenFreeRunsAndForbiddenIsRefused() {
		SystemUnderTest system = SystemUnderTest.get();
		String as = system.authServerUrl();
		String rs = system.resourceServerUrl();
		Delegations delegations = new Delegations(as);
		String alice = delegations.aliceToken(Delegations.ALL_ALICE_SCOPES);
		ProofKey key = ProofKey.es256();
		Map<String, String> exchange = Delegations.exchange(alice, identityToken(as, key));
		exchange.put("task_id", "task-it");
		exchange.put("audience", "documents");
		Response issued = delegations.asBackend(exchange);
		assertThat(issued.statusCode()).as(issued.asString()).isEqualTo(200);
		String token = issued.jsonPath().getString("access_token");

		Response documents = call(rs, token, key, "GET", "/api/documents");
		Response payment = given().header("Authorization", "DPoP " + token)
			.header("DPoP", proof(rs, key, "POST", "/api/payments", token))
			.contentType("application/json")
			.body("{\"amount\":\"1.00\",\"currency\":\"EUR\",\"payee\":\"Agent\"}")
			.post(rs + "/api/payments");
		Response asBearer = given().header("Authorization", "Bearer " + token).get(rs + "/api/documents");
		Response otherKey = call(rs, token, ProofKey.es256(), "GET", "/api/documents");
		Response aliceOwn = given().header("Authorization", "Bearer " + alice).get(rs + "/api/payments");

		assertThat(documents.statusCode()).isEqualTo(200);
		assertThat(payment.statusCode()).isEqualTo(403);
		assertThat(payment.jsonPath().getString("error")).isEqualTo("forbidden");
		assertThat(asBearer.statusCode()).isEqualTo(401);
		assertThat(otherKey.statusCode()).isEqualTo(401);
		assertThat(otherKey.header("WWW-Authenticate")).startsWith("DPoP error=\"invalid_token\"");
		assertThat(aliceOwn.statusCode()).isEqualTo(200);
	}

	/** The agent's identity token (client credentials) bound to {@code key}, retrying with the server's nonce. */
	private static String identityToken(String as, ProofKey key) {
		Response response = clientCredentials(as, key, null);
		if (response.statusCode() == 400 && response.header("DPoP-Nonce") != null) {
			response = clientCredentials(as, key, response.header("DPoP-Nonce"));
		}
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		return response.jsonPath().getString("access_token");
	}

	private static Response clientCredentials(String as, ProofKey key, String nonce) {
		DPoPProofBuilder proof = DPoPProofs.tokenRequest(as, key);
		if (nonce != null) {
			proof.nonce(nonce);
		}
		return AuthorizationRequests.tokenRequest(as)
			.auth()
			.preemptive()
			.basic(AGENT, AGENT_SECRET)
			.header("DPoP", proof.build())
			.formParam("grant_type", "client_credentials")
			.post("/oauth2/token");
	}

	private static Response call(String rs, String token, ProofKey key, String method, String path) {
		return given().header("Authorization", "DPoP " + token)
			.header("DPoP", proof(rs, key, method, path, token))
			.request(method, rs + path);
	}

	private static String proof(String rs, ProofKey key, String method, String path, String token) {
		return DPoPProofs.resourceRequest(key, method, rs + path, token).build();
	}

}
