package dev.unifiedauth.authserver.storage;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.unifiedauth.authserver.testing.AuthorizationRequests;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.ClientRequests;
import dev.unifiedauth.authserver.testing.Delegations;
import dev.unifiedauth.authserver.testing.DemoClients;
import dev.unifiedauth.authserver.testing.IssuedCode;
import dev.unifiedauth.authserver.testing.Jwts;
import dev.unifiedauth.authserver.testing.Pkce;
import dev.unifiedauth.authserver.testing.PostgresDatabases;
import dev.unifiedauth.authserver.testing.PostgresDatabases.PostgresDatabase;
import dev.unifiedauth.authserver.testing.StandaloneServer;
import dev.unifiedauth.authserver.testing.TcpProxy;
import dev.unifiedauth.authserver.testing.TestServerInitializer;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database goes away under a running server (security cases H01, H02, H11): the server is connected to
 * PostgreSQL through a loopback proxy that the test cuts. Every endpoint that needs the database answers 503
 * {@code temporarily_unavailable}, never a 200 that did nothing, a 500 or a stack trace; nothing is used up, so the
 * same code is redeemed once the database is back.
 */
class DatabaseOutageTests {

	private static final Pattern HOST_AND_PORT = Pattern.compile("^jdbc:postgresql://[^/:]+:(\\d+)(/.*)$");

	private static PostgresDatabase database;

	private static TcpProxy proxy;

	private static StandaloneServer server;

	@BeforeAll
	static void startBehindAProxy(@TempDir Path data) {
		database = PostgresDatabases.create();
		Matcher url = HOST_AND_PORT.matcher(database.url());
		assertThat(url.matches()).as(database.url()).isTrue();
		proxy = new TcpProxy(Integer.parseInt(url.group(1)));
		String proxied = database.withCredentials("jdbc:postgresql://127.0.0.1:" + proxy.port() + url.group(2));
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("spring.datasource.url", proxied);
		settings.put("spring.datasource.hikari.connection-timeout", "1500");
		settings.put("spring.datasource.hikari.validation-timeout", "1000");
		settings.put("unified-auth.keys.encryption-key-file", data.resolve("signing-keys.kek").toString());
		settings.put("unified-auth.audit.checkpoint-key-file", data.resolve("audit-checkpoint.key").toString());
		settings.put("unified-auth.audit.checkpoint-export-file", data.resolve("audit-checkpoints.jsonl").toString());
		server = StandaloneServer.start(TestServerInitializer.freePort(), settings);
	}

	@AfterEach
	void databaseBack() throws InterruptedException {
		restore();
	}

	/**
	 * Brings the database back and waits until the server uses it again: connections the cut broke may still be
	 * handed out once (each such request fails closed with 503) before the pool replaces them.
	 */
	private static void restore() throws InterruptedException {
		proxy.restore();
		ClientRequests backend = ClientRequests.backend(server.baseUrl());
		for (int attempt = 0; attempt < 100; attempt++) {
			if (backend.introspect("unknown-token").statusCode() == 200) {
				return;
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("The server did not recover within 10 s of the database coming back");
	}

	@AfterAll
	static void stop() {
		for (AutoCloseable closeable : new AutoCloseable[] { server, proxy, database }) {
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
	void redeemWhenTheDatabaseIsDownThenUnavailableAndTheCodeStillWorksOnceItIsBack() throws InterruptedException {
		// H01 (RFC 6749 §5.2 has no code for this; OAuth 2.1 fails closed): 503, no token, the code not consumed
		BrowserSession alice = BrowserSession.loggedIn(server.baseUrl(), DemoClients.ALICE_EMAIL,
				DemoClients.ALICE_PASSWORD);
		IssuedCode code = IssuedCode.issue(alice, DemoClients.BACKEND, "documents:read");
		proxy.cut();

		Response down = AuthorizationRequests.redeemAsBackend(server.baseUrl(), code.code(), code.pkce().verifier());

		assertUnavailable(down);
		restore();
		Response back = AuthorizationRequests.redeemAsBackend(server.baseUrl(), code.code(), code.pkce().verifier());
		assertThat(back.statusCode()).as(back.asString()).isEqualTo(200);
		assertThat(AuthorizationRequests.redeemAsBackend(server.baseUrl(), code.code(), code.pkce().verifier())
			.statusCode()).isEqualTo(400);
	}

	@Test
	void authorizeWhenTheDatabaseIsDownThenUnavailableWithoutACodeOrServerError() {
		// H02 (OAuth 2.1 §4.1.2.1 temporarily_unavailable): the client is not even looked up, so no redirect
		BrowserSession alice = BrowserSession.loggedIn(server.baseUrl(), DemoClients.ALICE_EMAIL,
				DemoClients.ALICE_PASSWORD);
		proxy.cut();

		Response down = alice.authorize(AuthorizationRequests.codeRequest(DemoClients.BACKEND, "documents:read",
				Pkce.generate()));

		assertThat(down.statusCode()).as(down.asString()).isEqualTo(503);
		assertThat(String.valueOf(down.header("Location"))).doesNotContain("code=");
		assertThat(down.asString()).contains("temporarily_unavailable").doesNotContain("Exception");
	}

	@Test
	void revokeAndIntrospectWhenTheDatabaseIsDownThenUnavailableNeverASilentSuccess() throws InterruptedException {
		// RFC 7009 §2.2.1 allows 503; a 200 would tell the client a token is dead that is not
		BrowserSession alice = BrowserSession.loggedIn(server.baseUrl(), DemoClients.ALICE_EMAIL,
				DemoClients.ALICE_PASSWORD);
		ClientRequests backend = ClientRequests.backend(server.baseUrl());
		String accessToken = backend.authorizationCodeGrant(alice, "documents:read").getString("access_token");
		proxy.cut();

		assertUnavailable(backend.revoke(accessToken, "access_token"));
		assertUnavailable(backend.introspect(accessToken));

		restore();
		assertThat(backend.isActive(accessToken)).as("the revocation did not happen").isTrue();
	}

	@Test
	void exchangeWhenTheConnectionDropsAtAnyPointOfItsTransactionThenAllOrNothingIsRecorded() throws InterruptedException {
		// H11 (F09): the connection is cut before the 1st, 2nd, ... database message of the exchange reaches the
		// server, until one exchange gets through; every cut one answers 503 and leaves no task, token or audit
		// entry behind, every granted one has its token row and its audit entry
		Delegations delegations = new Delegations(server.baseUrl());
		String alice = delegations.aliceToken("documents:read");
		String actor = delegations.agent(DemoClients.SCHEDULING_AGENT, DemoClients.SCHEDULING_AGENT_SECRET)
			.identityToken();
		int cut = 0;
		for (int writes = 1; writes <= 60; writes++) {
			String task = "task-cut-" + writes;
			Map<String, String> request = Delegations.exchange(alice, actor);
			request.put("task_id", task);
			request.put("audience", "documents");
			proxy.cutAfter(writes);
			Response response = delegations.asBackend(request);
			restore();
			if (response.statusCode() == 200) {
				String jti = (String) Jwts.claims(response.jsonPath().getString("access_token")).get("jti");
				assertThat(count("SELECT COUNT(*) FROM delegated_token WHERE jti = ? AND task_id = ?", jti, task))
					.isEqualTo(1);
				assertThat(count("SELECT COUNT(*) FROM audit_event WHERE type = 'token.exchange'"
						+ " AND decision = 'granted' AND jti = ?", jti)).isEqualTo(1);
				assertThat(cut).as("exchanges cut before one got through").isPositive();
				return;
			}
			assertUnavailable(response);
			cut++;
			assertThat(count("SELECT COUNT(*) FROM agent_task WHERE task_id = ?", task)).as(task).isZero();
			assertThat(count("SELECT COUNT(*) FROM delegated_token WHERE task_id = ?", task)).as(task).isZero();
			assertThat(count("SELECT COUNT(*) FROM audit_event WHERE task_id = ?", task)).as(task).isZero();
		}
		throw new AssertionError("No exchange got through in 60 attempts");
	}

	private static int count(String sql, Object... arguments) {
		return server.jdbc().queryForObject(sql, Integer.class, arguments);
	}

	private static void assertUnavailable(Response response) {
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
		assertThat(response.jsonPath().getString("error")).isEqualTo("temporarily_unavailable");
		assertThat(response.jsonPath().getString("access_token")).isNull();
		assertThat(response.asString()).doesNotContain("Exception").doesNotContain("SQL");
	}

}
