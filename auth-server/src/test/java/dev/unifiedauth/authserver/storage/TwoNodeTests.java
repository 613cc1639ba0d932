package dev.unifiedauth.authserver.storage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.unifiedauth.authserver.testing.AuthorizationRequests;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.ClientRequests;
import dev.unifiedauth.authserver.testing.Delegations;
import dev.unifiedauth.authserver.testing.DemoClients;
import dev.unifiedauth.authserver.testing.IssuedCode;
import dev.unifiedauth.authserver.testing.Jwts;
import dev.unifiedauth.authserver.testing.PostgresDatabases;
import dev.unifiedauth.authserver.testing.PostgresDatabases.PostgresDatabase;
import dev.unifiedauth.authserver.testing.StandaloneServer;
import dev.unifiedauth.authserver.testing.TestServerInitializer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two authorization-server nodes behind one issuer name, sharing one PostgreSQL database and the key files, as
 * behind a load balancer (security case H08): what one node issues the other redeems, and what one node revokes
 * the other refuses at once; a refresh token used at both nodes at the same moment succeeds once and ends the
 * grant; both nodes append to one audit trail that still verifies.
 */
class TwoNodeTests {

	private static PostgresDatabase database;

	private static StandaloneServer a;

	private static StandaloneServer b;

	@BeforeAll
	static void startTwoNodes(@TempDir Path data) {
		database = PostgresDatabases.create();
		String url = database.urlWithCredentials();
		int portA = TestServerInitializer.freePort();
		Map<String, String> shared = Map.of("spring.datasource.url", url,
				"unified-auth.issuer", "http://localhost:" + portA,
				"unified-auth.keys.encryption-key-file", data.resolve("signing-keys.kek").toString(),
				"unified-auth.audit.checkpoint-key-file", data.resolve("audit-checkpoint.key").toString());
		a = StandaloneServer.start(portA, with(shared, "unified-auth.audit.checkpoint-export-file",
				data.resolve("a-checkpoints.jsonl").toString()));
		b = StandaloneServer.start(TestServerInitializer.freePort(), with(shared,
				"unified-auth.audit.checkpoint-export-file", data.resolve("b-checkpoints.jsonl").toString()));
	}

	@AfterAll
	static void stop() {
		for (AutoCloseable closeable : new AutoCloseable[] { b, a, database }) {
			try {
				if (closeable != null) {
					closeable.close();
				}
			}
			catch (Exception ex) {
				// the next one still closes
			}
		}
	}

	@Test
	void codeWhenIssuedAtOneNodeThenRedeemedAtTheOtherAndARevocationAtEitherIsSeenAtBoth() {
		BrowserSession alice = BrowserSession.loggedIn(a.baseUrl(), DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
		IssuedCode code = IssuedCode.issue(alice, DemoClients.BACKEND, "documents:read");
		JsonPath tokens = ok(AuthorizationRequests.redeemAsBackend(b.baseUrl(), code.code(), code.pkce().verifier()));
		String accessToken = tokens.getString("access_token");
		assertThat(ClientRequests.backend(a.baseUrl()).isActive(accessToken)).isTrue();
		long cursor = ok(feed(a, 0)).getLong("next");

		assertThat(ClientRequests.backend(b.baseUrl()).revoke(accessToken, "access_token").statusCode()).isEqualTo(200);

		assertThat(ClientRequests.backend(a.baseUrl()).isActive(accessToken)).isFalse();
		assertThat(ok(feed(a, cursor)).getList("events.jti", String.class))
			.contains((String) Jwts.claims(accessToken).get("jti"));
		assertThat(AuthorizationRequests.redeemAsBackend(a.baseUrl(), code.code(), code.pkce().verifier()).statusCode())
			.as("the code was used at the other node").isEqualTo(400);
	}

	@Test
	void refreshWhenTheSameTokenIsUsedAtBothNodesAtOnceThenExactlyOneSucceedsAndTheGrantEnds() throws Exception {
		BrowserSession alice = BrowserSession.loggedIn(a.baseUrl(), DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
		IssuedCode code = IssuedCode.issue(alice, DemoClients.BACKEND, "documents:read");
		String refreshToken = ok(AuthorizationRequests.redeemAsBackend(a.baseUrl(), code.code(), code.pkce().verifier()))
			.getString("refresh_token");
		ExecutorService pool = Executors.newFixedThreadPool(2);
		List<Response> responses = new ArrayList<>();
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<Response>> uses = new ArrayList<>();
			for (StandaloneServer node : List.of(a, b)) {
				uses.add(pool.submit(() -> {
					go.await();
					return AuthorizationRequests.refresh(node.baseUrl(), refreshToken);
				}));
			}
			go.countDown();
			for (Future<Response> use : uses) {
				responses.add(use.get(30, TimeUnit.SECONDS));
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(responses).extracting(Response::statusCode).containsExactlyInAnyOrder(200, 400);
		String rotated = responses.stream()
			.filter((response) -> response.statusCode() == 200)
			.findFirst()
			.orElseThrow()
			.jsonPath()
			.getString("refresh_token");
		assertThat(AuthorizationRequests.refresh(a.baseUrl(), rotated).statusCode())
			.as("a refresh token used twice ends its grant (RFC 9700 §4.14.2)").isEqualTo(400);
	}

	@Test
	void taskWhenRevokedAtOneNodeThenItsTokensAndFurtherExchangesAreRefusedAtTheOther() {
		Delegations delegations = new Delegations(a.baseUrl());
		Delegations.Agent scheduling = delegations.agent(DemoClients.SCHEDULING_AGENT,
				DemoClients.SCHEDULING_AGENT_SECRET);
		String alice = delegations.aliceToken("documents:read");
		Map<String, String> exchange = Delegations.exchange(alice, scheduling.identityToken());
		exchange.put("task_id", "task-two-nodes");
		String agentToken = ok(delegations.asBackend(exchange)).getString("access_token");

		Response revoked = given().baseUri(b.baseUrl())
			.auth()
			.preemptive()
			.basic(DemoClients.BACKEND, DemoClients.BACKEND_SECRET)
			.formParam("subject", DemoClients.ALICE_ID)
			.formParam("task_id", "task-two-nodes")
			.post("/tasks/v1/revoke");

		assertThat(ok(revoked).getInt("revoked_tokens")).isEqualTo(1);
		assertThat(new ClientRequests(a.baseUrl(), "resource-server-demo", "resource-server-demo-secret")
			.isActive(agentToken)).isFalse();
		Response again = delegations.asBackend(exchange);
		assertThat(again.statusCode()).as(again.asString()).isEqualTo(400);
		assertThat(again.jsonPath().getString("error")).isEqualTo("invalid_grant");
	}

	@Test
	void auditWhenBothNodesAppendedThenTheOneTrailVerifiesAtEither() {
		int before = a.count("audit_event");
		new Delegations(a.baseUrl()).aliceToken("documents:read"); // login, consent, token: entries written by A
		String admin = new Delegations(b.baseUrl()).aliceToken("documents:read"); // and by B
		assertThat(a.count("audit_event")).isGreaterThanOrEqualTo(before + 4);

		for (StandaloneServer node : List.of(a, b)) {
			Response verified = given().baseUri(node.baseUrl()).auth().oauth2(admin).get("/audit/v1/verify");
			assertThat(ok(verified).getString("status")).as(verified.asString()).isEqualTo("ok");
		}
	}

	private static Response feed(StandaloneServer node, long after) {
		return given().baseUri(node.baseUrl())
			.auth()
			.preemptive()
			.basic("resource-server-demo", "resource-server-demo-secret")
			.queryParam("after", after)
			.get("/revocations/v1/events");
	}

	private static Map<String, String> with(Map<String, String> settings, String name, String value) {
		Map<String, String> all = new java.util.LinkedHashMap<>(settings);
		all.put(name, value);
		return all;
	}

	private static JsonPath ok(Response response) {
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		return response.jsonPath();
	}

}
