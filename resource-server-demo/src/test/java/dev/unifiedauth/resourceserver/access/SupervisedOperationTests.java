package dev.unifiedauth.resourceserver.access;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.unifiedauth.core.audit.AuditEvent;
import dev.unifiedauth.core.testing.ProofKey;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * SUPERVISED operations (contract, Tiers) against a stand-in of the authorization server's approval API: the
 * resource server asks about exactly this operation and target, with its client credentials, and answers
 * {@code approval_required}, runs the operation once when approved, {@code approval_denied}, or 503 when the
 * approval API gives no usable answer.
 */
class SupervisedOperationTests extends ResourceServerHttpTest {

	private final ProofKey key = ProofKey.es256();

	@Test
	void deleteWhenApprovalPendingThenApprovalRequiredWithIdAndUri() {
		approvals.answerWith((request) -> ApprovalApiStub.pending("apr_123"));
		String document = createDocument();
		String token = agentToken();

		Response response = delete(token, document);

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.jsonPath().getString("error")).isEqualTo("approval_required");
		assertThat(response.jsonPath().getString("approval_id")).isEqualTo("apr_123");
		assertThat(response.jsonPath().getString("approval_uri")).isEqualTo("http://localhost:9000/approvals/apr_123");
		assertThat(response.header("WWW-Authenticate")).isNull();
		assertThat(bearer(issuer.token("documents:read")).get("/api/documents/" + document).statusCode())
			.isEqualTo(200);
	}

	@Test
	void deleteWhenCheckingThenTheExactOperationIsSentWithClientCredentials() {
		String document = createDocument();
		String token = agentToken();

		delete(token, document);

		assertThat(approvals.received()).singleElement().satisfies((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.contentType()).startsWith("application/json");
			assertThat(request.authorization()).isEqualTo("Basic " + Base64.getEncoder()
				.encodeToString("resource-server-demo:resource-server-demo-secret".getBytes(StandardCharsets.UTF_8)));
			assertThat(request.body()).containsEntry("token", token)
				.containsEntry("resource", "documents")
				.containsEntry("action", "delete")
				.containsEntry("target", document)
				.hasSize(4);
		});
	}

	@Test
	void deleteWhenApprovedThenRunsOnceAndTheApprovalIsNotReusedForAnotherTarget() {
		String approvedDocument = createDocument();
		String otherDocument = createDocument();
		AtomicBoolean consumed = new AtomicBoolean();
		approvals.answerWith((request) -> (approvedDocument.equals(request.body().get("target"))
				&& "delete".equals(request.body().get("action")) && !consumed.getAndSet(true))
						? ApprovalApiStub.approved() : ApprovalApiStub.pending("apr_456"));
		String token = agentToken();

		Response other = delete(token, otherDocument);
		Response first = delete(token, approvedDocument);
		Response second = delete(token, approvedDocument);

		assertThat(other.jsonPath().getString("error")).isEqualTo("approval_required");
		assertThat(first.statusCode()).isEqualTo(204);
		assertThat(second.statusCode()).isEqualTo(403);
		assertThat(second.jsonPath().getString("error")).isEqualTo("approval_required");
		assertThat(bearer(issuer.token("documents:read")).get("/api/documents/" + approvedDocument).statusCode())
			.isEqualTo(404);
		assertThat(bearer(issuer.token("documents:read")).get("/api/documents/" + otherDocument).statusCode())
			.isEqualTo(200);
		assertThat(this.audit.forJti(jti(token))).extracting(AuditEvent::decision, AuditEvent::reason)
			.containsExactly(tuple("approval_required", "approval_required"),
					tuple("allowed", "approved"),
					tuple("approval_required", "approval_required"));
	}

	@Test
	void updateWhenSupervisedUsersUpdateApprovedThenRuns() {
		approvals.answerWith((request) -> ApprovalApiStub.approved());
		String token = issuer.agent("users:update", "scheduling-agent-001").boundTo(this.key).mint();
		Response response = dpop(token, this.key, "PUT", "/api/users/usr-bob-002").contentType("application/json")
			.body("{\"email\":\"bob@example.com\",\"name\":\"Bob B.\"}")
			.put("/api/users/usr-bob-002");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.jsonPath().getString("name")).isEqualTo("Bob B.");
		assertThat(approvals.received()).singleElement()
			.satisfies((request) -> assertThat(request.body()).containsEntry("resource", "users")
				.containsEntry("action", "update")
				.containsEntry("target", "usr-bob-002"));
	}

	@Test
	void deleteWhenApprovalDeniedThenApprovalDenied() {
		approvals.answerWith((request) -> ApprovalApiStub.denied("apr_789"));
		String document = createDocument();
		String token = agentToken();

		Response response = delete(token, document);

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.jsonPath().getString("error")).isEqualTo("approval_denied");
		assertThat(response.jsonPath().getString("approval_id")).isEqualTo("apr_789");
		assertThat(this.audit.forJti(jti(token))).singleElement().satisfies((event) -> {
			assertThat(event.decision()).isEqualTo("denied");
			assertThat(event.details()).containsEntry("approval", "denied").containsEntry("approval_id", "apr_789");
		});
	}

	@Test
	void deleteWhenApprovalApiHangsUpIsSlowOrRefusesThisServerThenTemporarilyUnavailable() {
		String document = createDocument();
		for (ApprovalApiStub.Answer answer : new ApprovalApiStub.Answer[] { ApprovalApiStub.hangUp(),
				ApprovalApiStub.slow(2_000),
				ApprovalApiStub.status(401, "{\"error\":\"invalid_client\"}"),
				ApprovalApiStub.status(400, "{\"error\":\"invalid_request\"}"),
				ApprovalApiStub.status(500, "oops"), ApprovalApiStub.json("{\"status\":\"maybe\"}"),
				ApprovalApiStub.json("{\"status\":\"pending\"}"), ApprovalApiStub.json("not json") }) {
			approvals.answerWith((request) -> answer);
			String token = agentToken();

			Response response = delete(token, document);

			assertThat(response.statusCode()).as(answer.toString()).isEqualTo(503);
			assertThat(response.jsonPath().getString("error")).isEqualTo("temporarily_unavailable");
			assertThat(this.audit.forJti(jti(token))).singleElement()
				.satisfies((event) -> assertThat(event.details()).containsEntry("approval", "unavailable"));
		}
		assertThat(bearer(issuer.token("documents:read")).get("/api/documents/" + document).statusCode())
			.isEqualTo(200);
	}

	private String agentToken() {
		return issuer.agent("documents:read documents:delete", "scheduling-agent-001").boundTo(this.key).mint();
	}

	private Response delete(String token, String document) {
		String path = "/api/documents/" + document;
		return dpop(token, this.key, "DELETE", path).delete(path);
	}

	private String createDocument() {
		Response created = bearer(issuer.token("documents:create")).contentType("application/json")
			.body("{\"title\":\"Supervised\"}")
			.post("/api/documents");
		assertThat(created.statusCode()).isEqualTo(201);
		return created.jsonPath().getString("id");
	}

}
