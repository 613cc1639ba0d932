package dev.unifiedauth.authserver.decisions;

import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.Delegations;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AuthZEN decision endpoint answers the demo's questions the way the contract says (issue 4, item 2).
 */
@AuthServerTest
class AccessEvaluationTests {

	@Value("${unified-auth.issuer}")
	String issuer;

	Delegations delegations;

	String scheduling;

	String analysis;

	@BeforeEach
	void chain() {
		this.delegations = new Delegations(this.issuer);
		Delegations.Agent schedulingAgent = this.delegations.agent("scheduling-agent-001", "scheduling-agent-secret");
		Delegations.Agent analysisAgent = this.delegations.agent("analysis-agent-002", "analysis-agent-secret");
		Map<String, String> hop1 = Delegations.exchange(this.delegations.aliceToken(Delegations.ALL_ALICE_SCOPES),
				schedulingAgent.identityToken());
		hop1.put("task_id", "task-abc");
		hop1.put("audience", "documents");
		this.scheduling = this.delegations.asBackend(hop1).jsonPath().getString("access_token");
		Map<String, String> hop2 = Delegations.exchange(this.scheduling, analysisAgent.identityToken());
		hop2.put("read_only", "true");
		this.analysis = schedulingAgent.exchange(hop2).jsonPath().getString("access_token");
	}

	@Test
	void evaluationWhenTheDemoChainAsksThenTheContractsAnswers() {
		assertDecision(evaluate(this.scheduling, "documents", "read"), true, "free", "allowed");
		assertDecision(evaluate(this.scheduling, "documents", "delete"), false, "supervised", "approval_required");
		assertDecision(evaluate(this.scheduling, "users", "read"), false, "free", "not_in_scoped_resources");
		assertDecision(evaluate(this.analysis, "documents", "read"), true, "free", "allowed");
		assertDecision(evaluate(this.analysis, "documents", "update"), false, "free", "attenuated_read_only");
		assertDecision(evaluate(this.scheduling, "users", "delete"), false, "forbidden", "forbidden");
	}

	@Test
	void evaluationsWhenSeveralChecksInOneCallThenOneAnswerEachInOrder() {
		Map<String, Object> batch = Map.of("subject", subject(this.scheduling), "resource", Map.of("type", "documents"),
				"evaluations", List.of(Map.of("action", Map.of("name", "read")), Map.of("action", Map.of("name", "delete")),
						Map.of("resource", Map.of("type", "users"), "action", Map.of("name", "read"))));
		Response response = post("/access/v1/evaluations", batch, "resource-server-demo", "resource-server-demo-secret");
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		List<Map<String, Object>> answers = response.jsonPath().getList("evaluations");
		assertThat(answers).extracting((answer) -> answer.get("decision")).containsExactly(true, false, false);
		assertThat(answers).extracting((answer) -> (Object) ((Map<?, ?>) answer.get("context")).get("reason"))
			.containsExactly("allowed", "approval_required", "not_in_scoped_resources");
	}

	@Test
	void evaluationWhenTheAgentAsksAboutItsOwnTokenThenAnswered() {
		Response response = post("/access/v1/evaluation", request(this.scheduling, "documents", "read"),
				"scheduling-agent-001", "scheduling-agent-secret");
		assertDecision(response.jsonPath(), true, "free", "allowed");
	}

	@Test
	void evaluationWhenAClientMayNotKnowTheTokenThenDeniedAsInvalidToken() {
		Response response = post("/access/v1/evaluation", request(this.scheduling, "documents", "read"),
				"analysis-agent-002", "analysis-agent-secret");
		assertThat(response.jsonPath().getBoolean("decision")).isFalse();
		assertThat(response.jsonPath().getString("context.reason")).isEqualTo("invalid_token");
	}

	@Test
	void evaluationWhenTokenIsGarbageThenInvalidToken() {
		assertThat(evaluate("not-a-token", "documents", "read").getString("context.reason")).isEqualTo("invalid_token");
	}

	@Test
	void evaluationWhenAHumanAsksThenTheRoleDecides() {
		String alice = this.delegations.aliceToken("documents:read documents:delete users:delete");
		assertDecision(evaluateAs(alice, "users", "delete", "demo-backend", "demo-backend-secret"), true, "forbidden",
				"allowed");
		assertDecision(evaluateAs(alice, "payments", "create", "demo-backend", "demo-backend-secret"), false,
				"forbidden", "scope_missing");
	}

	@Test
	void evaluationWhenNoClientAuthenticationThenInvalidClient() {
		Response response = given().baseUri(this.issuer)
			.contentType(ContentType.JSON)
			.body(json(request(this.scheduling, "documents", "read")))
			.post("/access/v1/evaluation");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.jsonPath().getString("error")).isEqualTo("invalid_client");
	}

	@Test
	void evaluationWhenBodyMalformedOrOperationMissingThenInvalidRequest() {
		Response malformed = given().baseUri(this.issuer)
			.auth()
			.preemptive()
			.basic("resource-server-demo", "resource-server-demo-secret")
			.contentType(ContentType.JSON)
			.body("{not json")
			.post("/access/v1/evaluation");
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.jsonPath().getString("error")).isEqualTo("invalid_request");
		Response noAction = post("/access/v1/evaluation",
				Map.of("subject", subject(this.scheduling), "resource", Map.of("type", "documents")),
				"resource-server-demo", "resource-server-demo-secret");
		assertThat(noAction.statusCode()).isEqualTo(400);
	}

	@Test
	void configurationWhenFetchedThenNamesBothEndpoints() {
		JsonPath metadata = given().baseUri(this.issuer).get("/.well-known/authzen-configuration").jsonPath();
		assertThat(metadata.getString("policy_decision_point")).isEqualTo(this.issuer);
		assertThat(metadata.getString("access_evaluation_endpoint")).isEqualTo(this.issuer + "/access/v1/evaluation");
		assertThat(metadata.getString("access_evaluations_endpoint")).isEqualTo(this.issuer + "/access/v1/evaluations");
	}

	JsonPath evaluate(String token, String resource, String action) {
		return evaluateAs(token, resource, action, "resource-server-demo", "resource-server-demo-secret");
	}

	JsonPath evaluateAs(String token, String resource, String action, String clientId, String secret) {
		Response response = post("/access/v1/evaluation", request(token, resource, action), clientId, secret);
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		return response.jsonPath();
	}

	Response post(String path, Map<String, Object> body, String clientId, String secret) {
		return given().baseUri(this.issuer)
			.auth()
			.preemptive()
			.basic(clientId, secret)
			.contentType(ContentType.JSON)
			.body(json(body))
			.post(path);
	}

	static Map<String, Object> request(String token, String resource, String action) {
		return Map.of("subject", subject(token), "resource", Map.of("type", resource, "id", "doc-1"), "action",
				Map.of("name", action));
	}

	static Map<String, Object> subject(String token) {
		return Map.of("type", "access_token", "properties", Map.of("token", token));
	}

	static String json(Map<String, Object> body) {
		return JSONObjectUtils.toJSONString(body);
	}

	static void assertDecision(JsonPath answer, boolean decision, String tier, String reason) {
		assertThat(answer.getBoolean("decision")).as(answer.prettify()).isEqualTo(decision);
		assertThat(answer.getString("context.tier")).isEqualTo(tier);
		assertThat(answer.getString("context.reason")).isEqualTo(reason);
	}

}
