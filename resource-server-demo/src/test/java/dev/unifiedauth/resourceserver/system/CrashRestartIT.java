package dev.unifiedauth.resourceserver.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.unifiedauth.authserver.testing.AuthorizationRequests;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.ClientRequests;
import dev.unifiedauth.authserver.testing.Delegations;
import dev.unifiedauth.authserver.testing.DemoClients;
import dev.unifiedauth.authserver.testing.IssuedCode;
import dev.unifiedauth.authserver.testing.Jwts;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged authorization server killed without shutting down (kill -9) while a task is running, then started
 * again on the same H2 file database (security case H06, RFC 9700 §4.14.2): tokens issued before still verify
 * with the same {@code kid}, the running task goes on, what was revoked stays revoked, a rotated-out refresh token
 * is still refused, and the audit trail still verifies. The kill comes between requests, not inside a write
 * (that is {@code AuditRestartTests} and the connection cuts of {@code DatabaseOutageTests}).
 */
class CrashRestartIT {

	private ServerProcess authServer;

	@AfterEach
	void stop() {
		if (this.authServer != null) {
			this.authServer.stop();
		}
	}

	@Test
	void restartAfterKillMinus9ThenIssuedTokensVerifyAndRevocationsAndRotationsHold() throws IOException {
		Path home = Files.createTempDirectory("ua-crash-test");
		int port = SystemUnderTest.freePort();
		String as = "http://localhost:" + port;
		this.authServer = start(home, port);

		BrowserSession alice = BrowserSession.loggedIn(as, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
		IssuedCode code = IssuedCode.issue(alice, DemoClients.BACKEND, "documents:read documents:update");
		JsonPath first = ok(AuthorizationRequests.redeemAsBackend(as, code.code(), code.pkce().verifier()));
		String rotatedOut = first.getString("refresh_token");
		JsonPath current = ok(AuthorizationRequests.refresh(as, rotatedOut));
		String accessToken = current.getString("access_token");
		String kid = (String) Jwts.header(accessToken).get("kid");

		Delegations delegations = new Delegations(as);
		Delegations.Agent scheduling = delegations.agent(DemoClients.SCHEDULING_AGENT,
				DemoClients.SCHEDULING_AGENT_SECRET);
		Map<String, String> exchange = Delegations.exchange(accessToken, scheduling.identityToken());
		exchange.put("task_id", "task-crash");
		String agentToken = ok(delegations.asBackend(exchange)).getString("access_token");
		Map<String, String> live = Delegations.exchange(accessToken, scheduling.identityToken());
		live.put("task_id", "task-live");
		String liveAgentToken = ok(delegations.asBackend(live)).getString("access_token");
		ok(given().baseUri(as)
			.auth()
			.preemptive()
			.basic(DemoClients.BACKEND, DemoClients.BACKEND_SECRET)
			.formParam("subject", DemoClients.ALICE_ID)
			.formParam("task_id", "task-crash")
			.post("/tasks/v1/revoke"));

		this.authServer.kill();
		this.authServer = start(home, port);

		ClientRequests backend = ClientRequests.backend(as);
		ClientRequests resourceServer = new ClientRequests(as, "resource-server-demo", "resource-server-demo-secret");
		assertThat(backend.isActive(accessToken)).as("issued before the crash").isTrue();
		assertThat(ok(given().get(as + "/oauth2/jwks")).getList("keys.kid", String.class)).contains(kid);
		assertThat(resourceServer.isActive(agentToken)).as("its task was revoked before the crash").isFalse();
		assertThat(resourceServer.isActive(liveAgentToken)).as("its task is still running").isTrue();
		live.put("audience", "documents");
		assertThat(delegations.asBackend(live).statusCode()).as("the live task goes on after the restart").isEqualTo(200);
		JsonPath next = ok(AuthorizationRequests.refresh(as, current.getString("refresh_token")));
		assertThat(next.getString("refresh_token")).isNotEqualTo(current.getString("refresh_token"));
		assertThat(AuthorizationRequests.refresh(as, rotatedOut).statusCode()).as("rotated out before the crash")
			.isEqualTo(400);
		assertThat(AuthorizationRequests.refresh(as, next.getString("refresh_token")).statusCode())
			.as("the reuse ended the grant").isEqualTo(400);

		String admin = new Delegations(as).aliceToken("documents:read");
		Response verified = given().baseUri(as).auth().oauth2(admin).get("/audit/v1/verify");
		assertThat(ok(verified).getString("status")).as(verified.asString()).isEqualTo("ok");
	}

	private static ServerProcess start(Path home, int port) {
		String as = "http://localhost:" + port;
		return ServerProcess
			.start("auth-server-crash", SystemUnderTest.jar("ua.auth-server.jar"), home, SystemUnderTest.logDirectory(),
					List.of("--server.port=" + port, "--spring.profiles.active=demo", "--unified-auth.issuer=" + as))
			.awaitReady(as + "/.well-known/oauth-authorization-server", Duration.ofSeconds(90));
	}

	private static JsonPath ok(Response response) {
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		return response.jsonPath();
	}

}
