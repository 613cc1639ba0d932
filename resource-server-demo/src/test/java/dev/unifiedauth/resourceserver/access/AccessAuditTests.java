package dev.unifiedauth.resourceserver.access;

import java.util.List;

import dev.unifiedauth.core.audit.AuditEvent;
import dev.unifiedauth.core.testing.DPoPProofBuilder;
import dev.unifiedauth.core.testing.ProofKey;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit events of the resource server (contract, Audit): one {@code permission.decision} per decision, with
 * the chain root to leaf, the task, the operation and target, the tier, the reason and the token's {@code jti},
 * never the token or proof; refused tokens are recorded too; and nothing runs when the event cannot be written.
 */
class AccessAuditTests extends ResourceServerHttpTest {

	private final ProofKey key = ProofKey.es256();

	@Test
	void decisionWhenAgentReadsThenOneEventWithChainTaskOperationTierAndJti() {
		String token = issuer.agent("documents:read", "scheduling-agent-001", "analysis-agent-002")
			.task("task-abc")
			.boundTo(this.key)
			.mint();

		assertThat(dpop(token, this.key, "GET", "/api/documents/doc-1").get("/api/documents/doc-1").statusCode())
			.isEqualTo(200);

		assertThat(this.audit.forJti(jti(token))).singleElement().satisfies((event) -> {
			assertThat(event.type()).isEqualTo("permission.decision");
			assertThat(event.source()).isEqualTo(TestIssuer.AUDIENCE);
			assertThat(event.decision()).isEqualTo("allowed");
			assertThat(event.reason()).isEqualTo("allowed");
			assertThat(event.clientId()).isEqualTo("analysis-agent-002");
			assertThat(event.chain()).containsExactly("usr-alice-001", "scheduling-agent-001", "analysis-agent-002");
			assertThat(event.taskId()).isEqualTo("task-abc");
			assertThat(event.resource()).isEqualTo("documents");
			assertThat(event.action()).isEqualTo("read");
			assertThat(event.details()).containsEntry("tier", "FREE")
				.containsEntry("target", "doc-1")
				.containsEntry("scheme", "DPoP");
			assertNoSecrets(event, token);
		});
	}

	@Test
	void decisionWhenProofIsReplayedThenTheRefusalIsRecordedWithTheCheck() {
		String token = issuer.agent("documents:read", "scheduling-agent-001").boundTo(this.key).mint();
		String proof = proof(this.key, "GET", "/api/documents", token);
		given().header("Authorization", "DPoP " + token).header("DPoP", proof).get("/api/documents");

		Response replay = given().header("Authorization", "DPoP " + token).header("DPoP", proof).get("/api/documents");

		assertThat(replay.statusCode()).isEqualTo(401);
		List<AuditEvent> events = this.audit.forJti(jti(token));
		assertThat(events).hasSize(2);
		assertThat(events.get(1)).satisfies((event) -> {
			assertThat(event.decision()).isEqualTo("denied");
			assertThat(event.reason()).isEqualTo("invalid_token");
			assertThat(event.details()).containsEntry("error", "invalid_dpop_proof")
				.containsEntry("check", "jti_replay")
				.containsEntry("request", "GET /api/documents");
			assertThat(event.chain()).containsExactly("usr-alice-001", "scheduling-agent-001");
			assertNoSecrets(event, token);
			assertThat(event.toString()).doesNotContain(proof);
		});
	}

	@Test
	void decisionWhenTokenSignatureFailsThenRecordedWithoutAnyTokenData() {
		int before = this.audit.all().size();
		String[] parts = issuer.token("documents:read").split("\\.");
		String forged = parts[0] + "." + parts[1] + "." + DPoPProofBuilder.accessTokenHash("x");

		assertThat(bearer(forged).get("/api/documents").statusCode()).isEqualTo(401);

		List<AuditEvent> events = this.audit.all();
		assertThat(events).hasSize(before + 1);
		AuditEvent event = events.get(events.size() - 1);
		assertThat(event.reason()).isEqualTo("invalid_token");
		assertThat(event.jti()).isNull();
		assertThat(event.chain()).isEmpty();
		assertThat(event.details()).containsEntry("check", "jwt");
	}

	@Test
	void decisionWhenNoCredentialsThenNothingIsRecorded() {
		int before = this.audit.all().size();
		assertThat(given().get("/api/documents").statusCode()).isEqualTo(401);
		assertThat(this.audit.all()).hasSize(before);
	}

	@Test
	void decisionWhenTheAuditSinkFailsThenTemporarilyUnavailableAndNothingRuns() {
		int documents = bearer(issuer.token("documents:read")).get("/api/documents").jsonPath().getList("$").size();
		this.audit.failing(true);

		Response create = bearer(issuer.token("documents:create")).contentType("application/json")
			.body("{\"title\":\"Unrecorded\"}")
			.post("/api/documents");
		Response badToken = bearer(issuer.token("documents:read", (h) -> {
		}, (c) -> c.issuer("http://elsewhere"))).get("/api/documents");

		this.audit.failing(false);
		assertThat(create.statusCode()).isEqualTo(503);
		assertThat(create.jsonPath().getString("error")).isEqualTo("temporarily_unavailable");
		assertThat(badToken.statusCode()).isEqualTo(503);
		assertThat(bearer(issuer.token("documents:read")).get("/api/documents").jsonPath().getList("$"))
			.hasSize(documents);
	}

	private static void assertNoSecrets(AuditEvent event, String token) {
		String[] parts = token.split("\\.");
		assertThat(event.toString()).doesNotContain(parts[1]).doesNotContain(parts[2]);
	}

}
