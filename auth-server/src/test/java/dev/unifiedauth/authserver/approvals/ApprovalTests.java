package dev.unifiedauth.authserver.approvals;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.unifiedauth.authserver.accounts.PasswordHashing;
import dev.unifiedauth.authserver.accounts.UserAccounts;
import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.Delegations;
import dev.unifiedauth.authserver.testing.TestUsers;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SUPERVISED operation: the resource server's check files a pending approval; the root human (or an
 * administrator, recorded as such) decides on the approval page; the approved operation runs exactly once, and
 * only for that task, actor, operation and target (issue 4, item 4; security case D18).
 */
@AuthServerTest
class ApprovalTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Value("${unified-auth.issuer}")
	String issuer;

	@Autowired
	UserAccounts accounts;

	@Autowired
	PasswordHashing passwords;

	String scheduling;

	/** Approvals are per task: a task of its own keeps each test's approvals apart on the shared server. */
	String task;

	@BeforeEach
	void schedulingAgent() {
		this.task = "task-" + UUID.randomUUID().toString().substring(0, 8);
		this.scheduling = agentToken(new Delegations(this.issuer).aliceToken(Delegations.ALL_ALICE_SCOPES), this.task);
	}

	@Test
	void checkWhenFirstAskedThenPendingWithAnApprovalUriAndTheSameOneWhenAskedAgain() {
		JsonPath first = check(this.scheduling, "documents", "delete", "doc-2");
		assertThat(first.getString("status")).isEqualTo("pending");
		assertThat(first.getString("approval_id")).startsWith("apr_");
		assertThat(first.getString("approval_uri")).isEqualTo(this.issuer + "/approvals/" + first.getString("approval_id"));
		assertThat(check(this.scheduling, "documents", "delete", "doc-2").getString("approval_id"))
			.isEqualTo(first.getString("approval_id"));
	}

	@Test
	void checkWhenTheRootHumanApprovedThenExactlyOneRetryRuns() {
		String id = check(this.scheduling, "documents", "delete", "doc-2").getString("approval_id");
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, "alice@example.com", "alice-password");
		assertThat(alice.request().get("/approvals").asString()).contains(id).contains("documents:delete")
			.contains("scheduling-agent-001");
		assertThat(decide(alice, id, "approve").statusCode()).isEqualTo(302);
		assertThat(alice.request().get("/approvals/" + id).asString()).contains("APPROVED").contains("(root)");

		assertThat(check(this.scheduling, "documents", "delete", "doc-3").getString("status"))
			.as("another target").isEqualTo("pending");
		assertThat(check(this.scheduling, "users", "update", "doc-2").getString("status"))
			.as("another operation").isEqualTo("pending");
		assertThat(check(this.scheduling, "documents", "delete", "doc-2").getString("status")).isEqualTo("approved");
		JsonPath second = check(this.scheduling, "documents", "delete", "doc-2");
		assertThat(second.getString("status")).as("single use").isEqualTo("pending");
		assertThat(second.getString("approval_id")).isNotEqualTo(id);
	}

	@Test
	void checkWhenAnotherTaskOfTheSameAgentAsksThenTheApprovalDoesNotApply() {
		String id = check(this.scheduling, "documents", "delete", "doc-2").getString("approval_id");
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, "alice@example.com", "alice-password");
		decide(alice, id, "approve");
		String otherTask = agentToken(new Delegations(this.issuer).aliceToken(Delegations.ALL_ALICE_SCOPES),
				this.task + "-other");
		assertThat(check(otherTask, "documents", "delete", "doc-2").getString("status")).isEqualTo("pending");
	}

	@Test
	void decideWhenTheHumanDeniesThenTheCheckSaysDenied() {
		String id = check(this.scheduling, "documents", "delete", "doc-4").getString("approval_id");
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, "alice@example.com", "alice-password");
		decide(alice, id, "deny");
		JsonPath answer = check(this.scheduling, "documents", "delete", "doc-4");
		assertThat(answer.getString("status")).isEqualTo("denied");
		assertThat(answer.getString("approval_id")).isEqualTo(id);
	}

	@Test
	void decideWhenNeitherRootNorAdminThenRefusedAndWhenAdminThenRecordedAsAdmin() {
		TestUsers carol = TestUsers.create(this.accounts, this.passwords, "admin");
		BrowserSession carolSession = carol.login(this.issuer);
		String carolsToken = new Delegations(this.issuer).aliceTokenOf(carolSession, Delegations.ALL_ALICE_SCOPES);
		String id = check(agentToken(carolsToken, this.task), "documents", "delete", "doc-5").getString("approval_id");

		BrowserSession bob = BrowserSession.loggedIn(this.issuer, "bob@example.com", "bob-password");
		assertThat(bob.request().get("/approvals/" + id).statusCode()).isEqualTo(404);
		assertThat(bob.request().get("/approvals").asString()).doesNotContain(id);

		BrowserSession alice = BrowserSession.loggedIn(this.issuer, "alice@example.com", "alice-password");
		assertThat(alice.request().get("/approvals").asString()).contains(id);
		decide(alice, id, "approve");
		assertThat(alice.request().get("/approvals/" + id).asString()).contains("(admin)");
	}

	@Test
	void decideWhenPostedWithoutCsrfTokenThenForbiddenAndStillPending() {
		String id = check(this.scheduling, "documents", "delete", "doc-6").getString("approval_id");
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, "alice@example.com", "alice-password");
		assertThat(alice.request().post("/approvals/" + id + "/approve").statusCode()).isEqualTo(403);
		assertThat(check(this.scheduling, "documents", "delete", "doc-6").getString("status")).isEqualTo("pending");
	}

	@Test
	void checkWhenOperationNotSupervisedOrTokenNotAnAgentsThenInvalidRequest() {
		assertThat(checkResponse(this.scheduling, "documents", "read", "doc-1").statusCode()).isEqualTo(400);
		String alice = new Delegations(this.issuer).aliceToken(Delegations.ALL_ALICE_SCOPES);
		assertThat(checkResponse(alice, "documents", "delete", "doc-1").statusCode()).isEqualTo(400);
		assertThat(checkResponse(this.scheduling, "documents", "delete", "bad target!").statusCode()).isEqualTo(400);
	}

	@Test
	void checkWhenNoClientAuthenticationThenInvalidClient() {
		Response response = given().baseUri(this.issuer)
			.contentType(ContentType.JSON)
			.body(body(this.scheduling, "documents", "delete", "doc-2"))
			.post("/approvals/v1/check");
		assertThat(response.statusCode()).isEqualTo(401);
	}

	String agentToken(String humanToken, String task) {
		Delegations delegations = new Delegations(this.issuer);
		Map<String, String> request = Delegations.exchange(humanToken,
				delegations.agent("scheduling-agent-001", "scheduling-agent-secret").identityToken());
		request.put("task_id", task);
		request.put("audience", "documents");
		Response response = delegations.asBackend(request);
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		return response.jsonPath().getString("access_token");
	}

	JsonPath check(String token, String resource, String action, String target) {
		Response response = checkResponse(token, resource, action, target);
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		return response.jsonPath();
	}

	Response checkResponse(String token, String resource, String action, String target) {
		return given().baseUri(this.issuer)
			.auth()
			.preemptive()
			.basic("resource-server-demo", "resource-server-demo-secret")
			.contentType(ContentType.JSON)
			.body(body(token, resource, action, target))
			.post("/approvals/v1/check");
	}

	static String body(String token, String resource, String action, String target) {
		return JSONObjectUtils.toJSONString(Map.of("token", token, "resource", resource, "action", action, "target", target));
	}

	static Response decide(BrowserSession human, String id, String decision) {
		String page = human.request().get("/approvals/" + id).asString();
		Matcher csrf = CSRF.matcher(page);
		assertThat(csrf.find()).as(page).isTrue();
		return human.request()
			.contentType(ContentType.URLENC)
			.formParam("_csrf", csrf.group(1))
			.post("/approvals/" + id + "/" + decision);
	}

}
