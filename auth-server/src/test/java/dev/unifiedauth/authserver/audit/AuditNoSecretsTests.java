package dev.unifiedauth.authserver.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.unifiedauth.authserver.testing.AgentTokenRequests;
import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.AuthorizationRequests;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.ClientRequests;
import dev.unifiedauth.authserver.testing.Delegations;
import dev.unifiedauth.authserver.testing.DemoClients;
import dev.unifiedauth.authserver.testing.IssuedCode;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.unifiedauth.authserver.testing.Delegations.exchange;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security case F10 (OAuth 2.1 §7.1.3.1): after a flow that handles every kind of credential — passwords, an
 * authorization code and its PKCE verifier, access, refresh, ID and agent tokens, DPoP proofs, client secrets, an
 * initial access token, a new client's secret — no row of the audit tables contains any of them, nor any part of
 * a token (its payload or signature). Tokens are named by {@code jti} only.
 */
@AuthServerTest
class AuditNoSecretsTests {

	@Value("${unified-auth.issuer}")
	String issuer;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void trailWhenAFlowHandledEveryKindOfCredentialThenNoRowContainsAnyOfThem() {
		List<String> secrets = new ArrayList<>(List.of(DemoClients.ALICE_PASSWORD, DemoClients.BOB_PASSWORD,
				DemoClients.BACKEND_SECRET, DemoClients.SCHEDULING_AGENT_SECRET, AuditIngestionTests.RS_SECRET,
				DemoClients.INITIAL_ACCESS_TOKEN, "wrong-password-" + UUID.randomUUID()));
		List<String> jwts = new ArrayList<>();
		new BrowserSession(this.issuer).login(DemoClients.BOB_EMAIL, secrets.get(secrets.size() - 1));
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
		IssuedCode code = IssuedCode.issue(alice, DemoClients.BACKEND, "openid documents:read");
		secrets.add(code.code());
		secrets.add(code.pkce().verifier());
		ClientRequests backend = ClientRequests.backend(this.issuer);
		JsonPath tokens = backend.redeem(code.code(), code.pkce().verifier()).jsonPath();
		jwts.add(tokens.getString("access_token"));
		jwts.add(tokens.getString("id_token"));
		secrets.add(tokens.getString("refresh_token"));
		JsonPath refreshed = backend.refresh(tokens.getString("refresh_token")).jsonPath();
		jwts.add(refreshed.getString("access_token"));
		secrets.add(refreshed.getString("refresh_token"));
		backend.refresh(tokens.getString("refresh_token")); // reuse: the grant is revoked and audited

		Delegations delegations = new Delegations(this.issuer);
		Delegations.Agent scheduling = delegations.agent(DemoClients.SCHEDULING_AGENT,
				DemoClients.SCHEDULING_AGENT_SECRET);
		String identity = scheduling.identityToken();
		jwts.add(identity);
		String subject = delegations.aliceToken("documents:read");
		jwts.add(subject);
		Map<String, String> request = exchange(subject, identity);
		request.put("task_id", "task-" + UUID.randomUUID());
		String agentToken = delegations.asBackend(request).jsonPath().getString("access_token");
		jwts.add(agentToken);
		backend.revoke(refreshed.getString("access_token"), "access_token");

		AgentTokenRequests keys = new AgentTokenRequests(this.issuer);
		String badProof = keys.proof("POST", "https://elsewhere.example/oauth2/token", null);
		jwts.add(badProof);
		AuthorizationRequests.tokenRequest(this.issuer)
			.auth()
			.preemptive()
			.basic(DemoClients.SCHEDULING_AGENT, DemoClients.SCHEDULING_AGENT_SECRET)
			.header("DPoP", badProof)
			.formParam("grant_type", "client_credentials")
			.post("/oauth2/token");

		Response registered = given().baseUri(this.issuer)
			.contentType(ContentType.JSON)
			.header("Authorization", "Bearer " + DemoClients.INITIAL_ACCESS_TOKEN)
			.body(Map.of("client_name", "f10 client", "agent", false, "token_endpoint_auth_method",
					"client_secret_basic", "grant_types", List.of("client_credentials"), "scope", "documents:read"))
			.post("/oauth2/register");
		assertThat(registered.statusCode()).isEqualTo(201);
		secrets.add(registered.jsonPath().getString("client_secret"));

		String trail = dump("audit_event") + dump("audit_checkpoint") + dump("audit_head");
		assertThat(trail).contains("token.issued", "token.exchange", "token.revoked", "login", "dpop.proof",
				"client.registered", "refresh_token_reuse");
		for (String secret : secrets) {
			assertThat(trail).as("a secret in the trail").doesNotContain(secret);
		}
		for (String jwt : jwts) {
			String[] parts = jwt.split("\\.");
			assertThat(trail).as("a token in the trail").doesNotContain(jwt).doesNotContain(parts[1]).doesNotContain(parts[2]);
		}
		assertThat(trail).doesNotContain("eyJ");
	}

	/** Every column of every row of {@code table}, as text: what a grep of a database dump would see. */
	private String dump(String table) {
		StringBuilder text = new StringBuilder();
		for (Map<String, Object> row : this.jdbc.queryForList("SELECT * FROM " + table)) {
			text.append(row.values()).append('\n');
		}
		return text.toString();
	}

}
