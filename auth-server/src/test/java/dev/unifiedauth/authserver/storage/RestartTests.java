package dev.unifiedauth.authserver.storage;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import dev.unifiedauth.authserver.testing.AuthorizationRequests;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.DemoClients;
import dev.unifiedauth.authserver.testing.IssuedCode;
import dev.unifiedauth.authserver.testing.Jwts;
import dev.unifiedauth.authserver.testing.PostgresDatabases;
import dev.unifiedauth.authserver.testing.PostgresDatabases.PostgresDatabase;
import dev.unifiedauth.authserver.testing.StandaloneServer;
import dev.unifiedauth.authserver.testing.TestServerInitializer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server stopped and started again on the same database: tokens issued before still verify (the signing key
 * was persisted), revoked and rotated-out refresh tokens stay dead, the demo data is not seeded twice, and people
 * can still log in. Storage is chosen by {@code spring.datasource.url} (plus credentials) alone.
 */
class RestartTests {

	/** Fixed, as an operator would configure it: a restart must not need a new one. */
	private static final String KEY_ENCRYPTION_KEY = "q8m0b3cW6n5Yp2r9T4v7X1z3A6d8F0h2J5k7M9p1R3s=";

	private static final List<String> SEEDED_TABLES = List.of("user_account", "user_role",
			"oauth2_registered_client", "signing_key");

	@Test
	void restartWhenH2FileDatabaseThenTokensKeysRevocationsAndAccountsSurvive(@TempDir Path data) throws Exception {
		Map<String, String> storage = new LinkedHashMap<>();
		storage.put("spring.datasource.url", "jdbc:h2:file:" + data.resolve("unified-auth") + ";DB_CLOSE_ON_EXIT=FALSE");
		storage.put("unified-auth.keys.encryption-key-file", data.resolve("signing-keys.kek").toString());
		auditFiles(storage, data);

		assertSurvivesRestart(storage);
	}

	@Test
	void restartWhenPostgresqlThenTokensKeysRevocationsAndAccountsSurvive(@TempDir Path data) throws Exception {
		try (PostgresDatabase database = PostgresDatabases.create()) {
			Map<String, String> storage = new LinkedHashMap<>();
			storage.put("spring.datasource.url", database.url());
			storage.put("spring.datasource.username", database.user());
			storage.put("spring.datasource.password", database.password());
			storage.put("unified-auth.keys.encryption-key-file", data.resolve("signing-keys.kek").toString());
			auditFiles(storage, data);

			assertSurvivesRestart(storage);
		}
	}

	private static void assertSurvivesRestart(Map<String, String> storage) throws Exception {
		Map<String, String> settings = new LinkedHashMap<>(storage);
		settings.put("unified-auth.keys.encryption-key", KEY_ENCRYPTION_KEY);
		int port = TestServerInitializer.freePort();
		String kept;
		String ofRevokedGrant;
		String rotatedOut;
		String revoked;
		String kid;
		Map<String, Integer> seeded = new LinkedHashMap<>();
		try (StandaloneServer server = StandaloneServer.start(port, settings)) {
			String base = server.baseUrl();
			BrowserSession alice = BrowserSession.loggedIn(base, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
			kept = redeem(base, IssuedCode.issue(alice, DemoClients.BACKEND, "openid documents:read"))
				.getString("access_token");
			JsonPath first = redeem(base, IssuedCode.issue(alice, DemoClients.BACKEND, "openid documents:read"));
			ofRevokedGrant = first.getString("access_token");
			rotatedOut = first.getString("refresh_token");
			Response rotation = AuthorizationRequests.refresh(base, rotatedOut);
			assertThat(rotation.statusCode()).as(rotation.asString()).isEqualTo(200);
			revoked = rotation.jsonPath().getString("refresh_token");
			assertThat(revoke(base, revoked).statusCode()).isEqualTo(200);
			assertThat(invalidGrant(AuthorizationRequests.refresh(base, revoked))).as("revoked before the restart")
				.isTrue();
			kid = (String) Jwts.header(kept).get("kid");
			SEEDED_TABLES.forEach((table) -> seeded.put(table, server.count(table)));
		}

		try (StandaloneServer server = StandaloneServer.start(port, settings)) {
			String base = server.baseUrl();
			JWKSet jwks = JWKSet.load(URI.create(base + "/oauth2/jwks").toURL());
			ECKey key = (ECKey) jwks.getKeyByKeyId(kid);
			assertThat(key).as("the pre-restart key is still published").isNotNull();
			assertThat(Jwts.parse(kept).verify(new ECDSAVerifier(key))).isTrue();
			assertThat(Jwts.parse(ofRevokedGrant).verify(new ECDSAVerifier(key))).isTrue();
			Response userInfo = given().baseUri(base).auth().oauth2(kept).get("/userinfo");
			assertThat(userInfo.statusCode()).as("the server itself accepts the pre-restart token").isEqualTo(200);
			assertThat(userInfo.jsonPath().getString("sub")).isEqualTo(DemoClients.ALICE_ID);

			assertThat(invalidGrant(AuthorizationRequests.refresh(base, revoked))).as("revoked stays revoked").isTrue();
			assertThat(invalidGrant(AuthorizationRequests.refresh(base, rotatedOut))).as("rotated out stays dead")
				.isTrue();

			SEEDED_TABLES.forEach((table) -> assertThat(server.count(table)).as(table).isEqualTo(seeded.get(table)));
			assertThat(server.count("user_account")).isEqualTo(2);
			assertThat(server.count("oauth2_registered_client"))
				.as("demo-web, demo-backend, the two agents and the resource server, once")
				.isEqualTo(5);
			assertThat(server.count("signing_key")).isEqualTo(1);

			BrowserSession alice = BrowserSession.loggedIn(base, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
			String fresh = redeem(base, IssuedCode.issue(alice, DemoClients.BACKEND, "openid documents:read"))
				.getString("access_token");
			assertThat(Jwts.header(fresh)).containsEntry("kid", kid);

			// the audit trail of both runs is one chain, and its checkpoints (from before the restart) still verify
			Response verify = given().baseUri(base).auth().oauth2(fresh).get("/audit/v1/verify");
			assertThat(verify.jsonPath().getString("status")).as(verify.asString()).isEqualTo("ok");
			assertThat(verify.jsonPath().getInt("exported_checkpoints")).isPositive();
		}
	}

	/** The audit checkpoint key and exported checkpoints next to the database, as an operator keeps them. */
	private static void auditFiles(Map<String, String> storage, Path data) {
		storage.put("unified-auth.audit.checkpoint-key-file", data.resolve("audit-checkpoint.key").toString());
		storage.put("unified-auth.audit.checkpoint-export-file", data.resolve("audit-checkpoints.jsonl").toString());
		storage.put("unified-auth.audit.checkpoint-every", "5");
	}

	private static JsonPath redeem(String base, IssuedCode code) {
		Response response = AuthorizationRequests.redeemAsBackend(base, code.code(), code.pkce().verifier());
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		return response.jsonPath();
	}

	private static Response revoke(String base, String refreshToken) {
		return AuthorizationRequests.tokenRequest(base)
			.auth()
			.preemptive()
			.basic(DemoClients.BACKEND, DemoClients.BACKEND_SECRET)
			.formParam("token", refreshToken)
			.formParam("token_type_hint", "refresh_token")
			.post("/oauth2/revoke");
	}

	private static boolean invalidGrant(Response response) {
		return response.statusCode() == 400 && "invalid_grant".equals(response.jsonPath().getString("error"));
	}

}
