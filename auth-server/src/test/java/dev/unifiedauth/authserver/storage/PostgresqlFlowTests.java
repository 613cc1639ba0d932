package dev.unifiedauth.authserver.storage;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import dev.unifiedauth.authserver.testing.AuthorizationRequests;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.DemoClients;
import dev.unifiedauth.authserver.testing.IssuedCode;
import dev.unifiedauth.authserver.testing.Jwts;
import dev.unifiedauth.authserver.testing.Pkce;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The human flow end to end on PostgreSQL, selected by {@code spring.datasource.url} alone (credentials in the
 * URL): login, consent, code, token, refresh rotation and its reuse detection, single-use codes, remembered
 * consent. Proves Spring's JDBC services and our row locks on our PostgreSQL schema.
 */
class PostgresqlFlowTests {

	private static PostgresDatabase database;

	private static StandaloneServer server;

	private static String base;

	@BeforeAll
	static void startOnPostgresql(@TempDir Path data) {
		database = PostgresDatabases.create();
		String url = database.urlWithCredentials();
		server = StandaloneServer.start(TestServerInitializer.freePort(), Map.of("spring.datasource.url", url,
				"unified-auth.keys.encryption-key-file", data.resolve("signing-keys.kek").toString(),
				"unified-auth.audit.checkpoint-key-file", data.resolve("audit-checkpoint.key").toString(),
				"unified-auth.audit.checkpoint-export-file", data.resolve("audit-checkpoints.jsonl").toString()));
		base = server.baseUrl();
	}

	@AfterAll
	static void stop() {
		if (server != null) {
			server.close();
		}
		if (database != null) {
			database.close();
		}
	}

	@Test
	void codeFlowWhenOnPostgresqlThenTokensAreIssuedAndRefreshRotates() throws Exception {
		BrowserSession alice = BrowserSession.loggedIn(base, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
		IssuedCode code = IssuedCode.issue(alice, DemoClients.BACKEND, "openid documents:read documents:update");

		JsonPath tokens = ok(AuthorizationRequests.redeemAsBackend(base, code.code(), code.pkce().verifier()));
		JsonPath refreshed = ok(AuthorizationRequests.refresh(base, tokens.getString("refresh_token")));

		assertThat(tokens.getString("id_token")).isNotBlank();
		assertThat(refreshed.getString("refresh_token")).isNotBlank().isNotEqualTo(tokens.getString("refresh_token"));
		String accessToken = refreshed.getString("access_token");
		assertThat(Jwts.claims(accessToken)).containsEntry("sub", DemoClients.ALICE_ID)
			.containsEntry("scope", "documents:read documents:update openid")
			.containsEntry("roles", List.of("admin"));
		ECKey key = (ECKey) JWKSet.load(URI.create(base + "/oauth2/jwks").toURL())
			.getKeyByKeyId((String) Jwts.header(accessToken).get("kid"));
		assertThat(Jwts.parse(accessToken).verify(new ECDSAVerifier(key))).isTrue();
		assertThat(server.jdbc().queryForObject("SELECT COUNT(*) FROM oauth2_authorization WHERE principal_name = ?",
				Integer.class, DemoClients.ALICE_ID)).isPositive();
	}

	@Test
	void refreshWhenRotatedOutTokenComesBackThenTheWholeGrantIsRevoked() {
		BrowserSession alice = BrowserSession.loggedIn(base, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
		IssuedCode code = IssuedCode.issue(alice, DemoClients.BACKEND, "openid documents:read");
		String first = ok(AuthorizationRequests.redeemAsBackend(base, code.code(), code.pkce().verifier()))
			.getString("refresh_token");
		String second = ok(AuthorizationRequests.refresh(base, first)).getString("refresh_token");

		assertThat(error(AuthorizationRequests.refresh(base, first))).isEqualTo("invalid_grant");
		assertThat(error(AuthorizationRequests.refresh(base, second))).as("the grant died with the reuse")
			.isEqualTo("invalid_grant");
	}

	@Test
	void refreshWhenSameTokenUsedConcurrentlyThenExactlyOneSucceeds() throws Exception {
		BrowserSession alice = BrowserSession.loggedIn(base, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
		IssuedCode code = IssuedCode.issue(alice, DemoClients.BACKEND, "openid documents:read");
		String refreshToken = ok(AuthorizationRequests.redeemAsBackend(base, code.code(), code.pkce().verifier()))
			.getString("refresh_token");
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<Integer>> uses = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				uses.add(pool.submit(() -> {
					go.await();
					return AuthorizationRequests.refresh(base, refreshToken).statusCode();
				}));
			}
			go.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> use : uses) {
				statuses.add(use.get(30, TimeUnit.SECONDS));
			}

			assertThat(statuses).containsExactlyInAnyOrder(200, 400);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void redeemWhenCodeUsedTwiceThenSecondIsInvalidGrant() {
		BrowserSession alice = BrowserSession.loggedIn(base, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
		IssuedCode code = IssuedCode.issue(alice, DemoClients.BACKEND, "documents:read");
		ok(AuthorizationRequests.redeemAsBackend(base, code.code(), code.pkce().verifier()));

		Response again = AuthorizationRequests.redeemAsBackend(base, code.code(), code.pkce().verifier());

		assertThat(error(again)).isEqualTo("invalid_grant");
	}

	@Test
	void authorizeWhenScopesWereApprovedBeforeThenNoConsentIsAskedAgain() {
		BrowserSession bob = BrowserSession.loggedIn(base, DemoClients.BOB_EMAIL, DemoClients.BOB_PASSWORD);
		IssuedCode.issue(bob, DemoClients.WEB, "documents:read");

		Response second = bob.authorize(AuthorizationRequests.codeRequest(DemoClients.WEB, "documents:read",
				Pkce.generate()));

		assertThat(second.statusCode()).isEqualTo(302);
		assertThat(BrowserSession.query(second.header("Location"))).containsKey("code");
	}

	private static JsonPath ok(Response response) {
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		return response.jsonPath();
	}

	private static String error(Response response) {
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
		return response.jsonPath().getString("error");
	}

}
