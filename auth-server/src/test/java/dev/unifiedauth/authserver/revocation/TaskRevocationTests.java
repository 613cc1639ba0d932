package dev.unifiedauth.authserver.revocation;

import java.util.List;
import java.util.Map;

import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.Delegations;
import dev.unifiedauth.authserver.testing.DemoClients;
import dev.unifiedauth.authserver.testing.Jwts;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static dev.unifiedauth.authserver.revocation.TaskFixture.newTaskId;
import static dev.unifiedauth.authserver.revocation.TaskFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revoking a task kills every token of it at every depth, at once, and only those (security cases E05–E09); the
 * task API answers only the client that started the task; the root human and administrators revoke on the tasks
 * page.
 */
@AuthServerTest
class TaskRevocationTests {

	@Value("${unified-auth.issuer}")
	String issuer;

	TaskFixture fixture;

	String alice;

	@BeforeEach
	void fixture() {
		this.fixture = new TaskFixture(this.issuer);
		this.alice = this.fixture.delegations.aliceToken(Delegations.ALL_ALICE_SCOPES);
	}

	@Test
	void revokeWhenTheStartingClientRevokesThenEveryTokenAtEveryDepthDiesAndTheCountIsReturned() {
		String task = newTaskId();
		String scheduling = this.fixture.schedulingToken(this.alice, task);
		String analysis = this.fixture.analysisToken(scheduling);
		assertThat(this.fixture.active(scheduling)).isTrue();
		assertThat(this.fixture.active(analysis)).isTrue();

		JsonPath revoked = ok(this.fixture.revokeAsBackend(DemoClients.ALICE_ID, task));

		assertThat(revoked.getInt("revoked_tokens")).isEqualTo(2);
		assertThat(revoked.getString("task_id")).isEqualTo(task);
		assertThat(revoked.getString("sub")).isEqualTo(DemoClients.ALICE_ID);
		assertThat(revoked.getString("revoked_at")).isNotBlank();
		assertThat(this.fixture.active(scheduling)).as("E05 depth 1 introspection").isFalse();
		assertThat(this.fixture.active(analysis)).as("E05 depth 2 introspection").isFalse();
		Response exchange = this.fixture.subDelegate(scheduling);
		assertThat(exchange.statusCode()).isEqualTo(400);
		assertThat(exchange.jsonPath().getString("error")).as("RFC 8693 §2.2.2").isEqualTo("invalid_request");
	}

	@Test
	void revokeWhenRevokedTwiceThenTheSecondCallRevokesNothingAndStillSucceeds() {
		String task = newTaskId();
		this.fixture.schedulingToken(this.alice, task);
		assertThat(ok(this.fixture.revokeAsBackend(DemoClients.ALICE_ID, task)).getInt("revoked_tokens")).isEqualTo(1);

		JsonPath again = ok(this.fixture.revokeAsBackend(DemoClients.ALICE_ID, task));

		assertThat(again.getInt("revoked_tokens")).isZero();
	}

	@Test
	void revokeWhenAnotherTaskOfTheSameUserAndAgentsThenThatTaskKeepsWorking() {
		String task = newTaskId();
		String other = newTaskId();
		String schedulingT = this.fixture.schedulingToken(this.alice, task);
		String schedulingU = this.fixture.schedulingToken(this.alice, other);
		String analysisU = this.fixture.analysisToken(schedulingU);

		ok(this.fixture.revokeAsBackend(DemoClients.ALICE_ID, task));

		assertThat(this.fixture.active(schedulingT)).isFalse();
		assertThat(this.fixture.active(schedulingU)).as("E06: task U untouched").isTrue();
		assertThat(this.fixture.active(analysisU)).isTrue();
		assertThat(this.fixture.subDelegate(schedulingU).statusCode()).isEqualTo(200);
	}

	@Test
	void revokeWhenAnotherUserHasATaskWithTheSameIdThenItIsUntouched() {
		String task = newTaskId();
		String bob = this.fixture.delegations.aliceTokenOf(
				BrowserSession.loggedIn(this.issuer, DemoClients.BOB_EMAIL, DemoClients.BOB_PASSWORD), "documents:read");
		String bobsScheduling = this.fixture.schedulingToken(bob, task);
		String alicesScheduling = this.fixture.schedulingToken(this.alice, task);

		assertThat(ok(this.fixture.revokeAsBackend(DemoClients.ALICE_ID, task)).getInt("revoked_tokens")).isEqualTo(1);

		assertThat(this.fixture.active(alicesScheduling)).isFalse();
		assertThat(this.fixture.active(bobsScheduling)).isTrue();
	}

	@Test
	void revokeWhenTheTaskIsUnknownOrNotStartedByTheCallerThenTheSame404AndNothingIsRevoked() {
		String task = newTaskId();
		String scheduling = this.fixture.schedulingToken(this.alice, task);

		Response unknown = this.fixture.revokeAsBackend(DemoClients.ALICE_ID, newTaskId());
		Response notTheStarter = this.fixture.revokeTask("resource-server-demo", "resource-server-demo-secret",
				DemoClients.ALICE_ID, task);
		Response wrongUser = this.fixture.revokeAsBackend(DemoClients.BOB_ID, task);

		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(notTheStarter.statusCode()).as("E07: no existence leak").isEqualTo(404);
		assertThat(notTheStarter.asString()).isEqualTo(unknown.asString());
		assertThat(wrongUser.statusCode()).isEqualTo(404);
		assertThat(this.fixture.active(scheduling)).isTrue();
	}

	@Test
	void revokeWhenNotAuthenticatedOrInputIsBadThenRefusedWithoutServerError() {
		Response anonymous = io.restassured.RestAssured.given()
			.baseUri(this.issuer)
			.formParam("subject", DemoClients.ALICE_ID)
			.formParam("task_id", "task-abc")
			.post("/tasks/v1/revoke");
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.jsonPath().getString("error")).isEqualTo("invalid_client");
		Response noSubject = this.fixture.revokeAsBackend("", "task-abc");
		assertThat(noSubject.statusCode()).isEqualTo(400);
		assertThat(noSubject.jsonPath().getString("error")).isEqualTo("invalid_request");
		assertThat(this.fixture.revokeAsBackend(DemoClients.ALICE_ID, "bad task id!").statusCode()).isEqualTo(400);
		assertThat(this.fixture.revokeAsBackend(DemoClients.ALICE_ID, "x".repeat(5000)).statusCode()).isEqualTo(400);
	}

	@Test
	void exchangeWhenTheTaskWasRevokedThenNewTokensForItAreInvalidGrant() {
		String task = newTaskId();
		this.fixture.schedulingToken(this.alice, task);
		ok(this.fixture.revokeAsBackend(DemoClients.ALICE_ID, task));

		Map<String, String> request = Delegations.exchange(this.alice, this.fixture.scheduling.identityToken());
		request.put("task_id", task);
		Response again = this.fixture.delegations.asBackend(request);

		assertThat(again.statusCode()).isEqualTo(400);
		assertThat(again.jsonPath().getString("error")).as("E09").isEqualTo("invalid_grant");
	}

	@Test
	void deadlineWhenSetAtTheStartThenNoTokenOfTheTaskOutlivesIt() {
		Map<String, String> request = Delegations.exchange(this.alice, this.fixture.scheduling.identityToken());
		request.put("task_id", newTaskId());
		request.put("task_expires_in", "60");

		String token = ok(this.fixture.delegations.asBackend(request)).getString("access_token");

		Map<String, Object> claims = Jwts.claims(token);
		assertThat(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue())
			.isLessThanOrEqualTo(60);
		Response subDelegation = this.fixture.scheduling.exchange(Map.of("grant_type", Delegations.GRANT,
				"subject_token", token, "subject_token_type", Delegations.ACCESS_TOKEN, "task_expires_in", "600"));
		assertThat(subDelegation.statusCode()).as("only the start sets a deadline").isEqualTo(400);
	}

	@Test
	void deadlineWhenBroughtForwardToNowThenTokensWhoseExpIsLaterStopWorkingAndNoneAreMinted() {
		String task = newTaskId();
		String scheduling = this.fixture.schedulingToken(this.alice, task);
		String analysis = this.fixture.analysisToken(scheduling);

		JsonPath changed = ok(io.restassured.RestAssured.given()
			.baseUri(this.issuer)
			.auth()
			.preemptive()
			.basic(DemoClients.BACKEND, DemoClients.BACKEND_SECRET)
			.formParam("subject", DemoClients.ALICE_ID)
			.formParam("task_id", task)
			.formParam("expires_in", "0")
			.post("/tasks/v1/deadline"));

		assertThat(changed.getString("deadline")).isNotBlank();
		assertThat(this.fixture.active(scheduling)).as("E08").isFalse();
		assertThat(this.fixture.active(analysis)).isFalse();
		Map<String, String> request = Delegations.exchange(this.alice, this.fixture.scheduling.identityToken());
		request.put("task_id", task);
		Response again = this.fixture.delegations.asBackend(request);
		assertThat(again.statusCode()).isEqualTo(400);
		assertThat(again.jsonPath().getString("error")).isEqualTo("invalid_grant");
	}

	@Test
	void tasksPageWhenTheRootHumanRevokesThenTheTaskEndsAndAnotherUserCannotSeeOrRevokeIt() {
		String task = newTaskId();
		String scheduling = this.fixture.schedulingToken(this.alice, task);
		BrowserSession bob = BrowserSession.loggedIn(this.issuer, DemoClients.BOB_EMAIL, DemoClients.BOB_PASSWORD);
		assertThat(bob.request().get("/tasks").asString()).doesNotContain(task);
		assertThat(pageRevoke(bob, DemoClients.ALICE_ID, task).statusCode()).isEqualTo(404);
		assertThat(this.fixture.active(scheduling)).isTrue();

		BrowserSession alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL,
				DemoClients.ALICE_PASSWORD);
		assertThat(alice.request().get("/tasks").asString()).contains(task).contains(DemoClients.BACKEND);
		Response revoked = pageRevoke(alice, DemoClients.ALICE_ID, task);

		assertThat(revoked.statusCode()).isEqualTo(302);
		assertThat(alice.request().get("/tasks").asString()).contains("Revoked 1 token(s) for " + task);
		assertThat(this.fixture.active(scheduling)).isFalse();
	}

	@Test
	void tasksPageWhenPostedWithoutCsrfTokenThenForbiddenAndTheTaskRuns() {
		String task = newTaskId();
		String scheduling = this.fixture.schedulingToken(this.alice, task);
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL,
				DemoClients.ALICE_PASSWORD);

		Response forged = alice.request()
			.contentType(ContentType.URLENC)
			.formParam("subject", DemoClients.ALICE_ID)
			.formParam("task_id", task)
			.post("/tasks/revoke");

		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(this.fixture.active(scheduling)).isTrue();
	}

	@Test
	void feedWhenATaskIsRevokedThenResourceServersReadItsRuleAfterTheirCursor() {
		long cursor = ok(this.fixture.feed(0)).getLong("next");
		String task = newTaskId();
		this.fixture.schedulingToken(this.alice, task);
		ok(this.fixture.revokeAsBackend(DemoClients.ALICE_ID, task));

		JsonPath feed = ok(this.fixture.feed(cursor));

		List<Map<String, Object>> events = feed.getList("events");
		assertThat(events).anySatisfy((event) -> assertThat(event).containsEntry("kind", "task")
			.containsEntry("sub", DemoClients.ALICE_ID)
			.containsEntry("task_id", task)
			.containsEntry("reason", "revoked")
			.containsKeys("seq", "effective_at", "retain_until"));
		assertThat(feed.getLong("next")).isGreaterThan(cursor);
		assertThat(feed.getString("events")).doesNotContain("eyJ"); // rules, never tokens
	}

	@Test
	void feedWhenNotAResourceServerOrBadCursorThenRefused() {
		Response anonymous = io.restassured.RestAssured.given().baseUri(this.issuer).get("/revocations/v1/events");
		assertThat(anonymous.statusCode()).isEqualTo(401);
		Response backend = io.restassured.RestAssured.given()
			.baseUri(this.issuer)
			.auth()
			.preemptive()
			.basic(DemoClients.BACKEND, DemoClients.BACKEND_SECRET)
			.get("/revocations/v1/events");
		assertThat(backend.statusCode()).isEqualTo(403);
		assertThat(this.fixture.feed(-1).statusCode()).isEqualTo(400);
	}

	static Response pageRevoke(BrowserSession human, String subject, String task) {
		String csrf = BrowserSession.csrfOf(human.request().get("/").asString()); // the sign-out form's token
		return human.request()
			.contentType(ContentType.URLENC)
			.formParam("_csrf", csrf)
			.formParam("subject", subject)
			.formParam("task_id", task)
			.post("/tasks/revoke");
	}

}
