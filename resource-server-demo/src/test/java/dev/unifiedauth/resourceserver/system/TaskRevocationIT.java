package dev.unifiedauth.resourceserver.system;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.ClientRequests;
import dev.unifiedauth.authserver.testing.Delegations;
import dev.unifiedauth.authserver.testing.DemoClients;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens die with their task at the packaged resource server, which validates JWTs locally: after one call to
 * the task API, the agents' tokens at depth 1 and 2 are refused (401 {@code invalid_token}) within one second,
 * measured from the moment the revocation was sent; tokens of another task keep working. The same bound holds
 * for a human's access token revoked through RFC 7009 and for a client disabled by an administrator (security
 * cases E01, E05, E06, E11).
 */
class TaskRevocationIT {

	private static final Duration BOUND = Duration.ofSeconds(1);

	private String as;

	private String rs;

	private Delegations delegations;

	private Delegations.Agent scheduling;

	private Delegations.Agent analysis;

	@BeforeEach
	void system() {
		SystemUnderTest system = SystemUnderTest.get();
		this.as = system.authServerUrl();
		this.rs = system.resourceServerUrl();
		this.delegations = new Delegations(this.as);
		this.scheduling = this.delegations.agent(DemoClients.SCHEDULING_AGENT, DemoClients.SCHEDULING_AGENT_SECRET);
		this.analysis = this.delegations.agent(DemoClients.ANALYSIS_AGENT, DemoClients.ANALYSIS_AGENT_SECRET);
	}

	@Test
	void revokeTaskWhenAgentsWorkAtDepthOneAndTwoThenBothAreRefusedAtTheResourceServerWithinOneSecond() {
		String alice = this.delegations.aliceToken(Delegations.ALL_ALICE_SCOPES);
		String task = "task-" + UUID.randomUUID().toString().substring(0, 8);
		String depth1 = schedulingToken(alice, task);
		String depth2 = ok(this.scheduling.exchange(with(Delegations.exchange(depth1, this.analysis.identityToken()),
				"read_only", "true"))).jsonPath().getString("access_token");
		String otherTask = schedulingToken(alice, task + "-other");
		assertThat(read(this.scheduling, depth1).statusCode()).isEqualTo(200);
		assertThat(read(this.analysis, depth2).statusCode()).isEqualTo(200);

		long sent = System.nanoTime();
		Response revoked = given().baseUri(this.as)
			.auth()
			.preemptive()
			.basic(DemoClients.BACKEND, DemoClients.BACKEND_SECRET)
			.formParam("subject", DemoClients.ALICE_ID)
			.formParam("task_id", task)
			.post("/tasks/v1/revoke");
		assertThat(ok(revoked).jsonPath().getInt("revoked_tokens")).isEqualTo(2);

		Duration depth1Refused = untilRefused(sent, () -> read(this.scheduling, depth1));
		Duration depth2Refused = untilRefused(sent, () -> read(this.analysis, depth2));
		System.out.println("E05: task revoked; resource server refused depth 1 after " + depth1Refused.toMillis()
				+ " ms, depth 2 after " + depth2Refused.toMillis() + " ms");
		assertThat(depth1Refused).isLessThan(BOUND);
		assertThat(depth2Refused).isLessThan(BOUND);
		Response refused = read(this.analysis, depth2);
		assertThat(refused.jsonPath().getString("error")).isEqualTo("invalid_token");
		assertThat(refused.header("WWW-Authenticate")).contains("revoked");
		assertThat(read(this.scheduling, otherTask).statusCode()).as("E06: another task").isEqualTo(200);
	}

	@Test
	void revokeWhenAlicesAppRevokesHerAccessTokenThenTheResourceServerRefusesItWithinOneSecond() {
		BrowserSession session = BrowserSession.loggedIn(this.as, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
		ClientRequests backend = ClientRequests.backend(this.as);
		String alice = backend.authorizationCodeGrant(session, "documents:read").getString("access_token");
		assertThat(bearer(alice).statusCode()).isEqualTo(200);

		long sent = System.nanoTime();
		assertThat(backend.revoke(alice, "access_token").statusCode()).isEqualTo(200);

		Duration refused = untilRefused(sent, () -> bearer(alice));
		System.out.println("E01: access token revoked; resource server refused it after " + refused.toMillis() + " ms");
		assertThat(refused).isLessThan(BOUND);
	}

	@Test
	void disableClientWhenAnAdministratorDisablesAnAgentThenItsTokensAreRefusedWithinOneSecond() {
		Delegations.Agent agent = this.delegations.registerAgent("agent to disable");
		String alice = this.delegations.aliceToken(Delegations.ALL_ALICE_SCOPES);
		Map<String, String> exchange = Delegations.exchange(alice, agent.identityToken());
		exchange.put("task_id", "task-" + UUID.randomUUID().toString().substring(0, 8));
		exchange.put("audience", "documents");
		String token = ok(this.delegations.asBackend(exchange)).jsonPath().getString("access_token");
		assertThat(read(agent, token).statusCode()).isEqualTo(200);
		BrowserSession admin = BrowserSession.loggedIn(this.as, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
		String csrf = BrowserSession.csrfOf(admin.request().get("/").asString());

		long sent = System.nanoTime();
		Response disabled = admin.request()
			.contentType(ContentType.URLENC)
			.formParam("_csrf", csrf)
			.post("/admin/clients/" + agent.clientId() + "/disable");
		assertThat(disabled.statusCode()).isEqualTo(302);

		Duration refused = untilRefused(sent, () -> read(agent, token));
		System.out.println("E11: client disabled; resource server refused its token after " + refused.toMillis() + " ms");
		assertThat(refused).isLessThan(BOUND);
	}

	private String schedulingToken(String alice, String task) {
		Map<String, String> exchange = Delegations.exchange(alice, this.scheduling.identityToken());
		exchange.put("task_id", task);
		exchange.put("audience", "documents");
		return ok(this.delegations.asBackend(exchange)).jsonPath().getString("access_token");
	}

	private Response read(Delegations.Agent agent, String token) {
		return agent.resourceRequest("GET", this.rs + "/api/documents", token).get(this.rs + "/api/documents");
	}

	private Response bearer(String token) {
		return given().header("Authorization", "Bearer " + token).get(this.rs + "/api/documents");
	}

	/** How long after {@code sent} the call first answered 401; calls again every 20 ms for up to 5 s. */
	private static Duration untilRefused(long sent, Supplier<Response> call) {
		long deadline = sent + Duration.ofSeconds(5).toNanos();
		while (System.nanoTime() < deadline) {
			int status = call.get().statusCode();
			long now = System.nanoTime();
			if (status == 401) {
				return Duration.ofNanos(now - sent);
			}
			assertThat(status).as("before the refusal the call succeeds").isEqualTo(200);
			sleep(20);
		}
		throw new AssertionError("still accepted 5 s after the revocation");
	}

	private static Map<String, String> with(Map<String, String> parameters, String name, String value) {
		parameters.put(name, value);
		return parameters;
	}

	private static Response ok(Response response) {
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		return response;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
