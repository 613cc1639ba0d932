package dev.unifiedauth.authserver.audit;

import java.util.Map;
import java.util.UUID;

import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.AuthorizationRequests;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.ClientRequests;
import dev.unifiedauth.authserver.testing.DatabaseVendor;
import dev.unifiedauth.authserver.testing.Delegations;
import dev.unifiedauth.authserver.testing.DemoClients;
import dev.unifiedauth.authserver.testing.IssuedCode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.unifiedauth.authserver.testing.Delegations.exchange;
import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertOAuthError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security case F09 (and H11: no half-issued token, no orphan row): while the audit entry cannot be written (the database refuses INSERT into
 * {@code audit_event}, {@link FailingAuditInsert}), every audited operation fails with 503 and nothing is issued,
 * revoked or stored; once the trail is writable again the same requests succeed, so nothing was used up.
 */
@AuthServerTest
class AuditFailClosedTests {

	@Value("${unified-auth.issuer}")
	String issuer;

	@Autowired
	JdbcTemplate jdbc;

	private boolean failing;

	@AfterEach
	void trailWritableAgain() {
		if (this.failing) {
			writable();
		}
	}

	@Test
	void redeemWhenTheTrailCannotBeWrittenThenUnavailableNoTokenAndTheCodeIsNotUsedUp() {
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
		IssuedCode code = IssuedCode.issue(alice, DemoClients.BACKEND, "documents:read");
		ClientRequests backend = ClientRequests.backend(this.issuer);

		unwritable();
		Response refused = backend.redeem(code.code(), code.pkce().verifier());
		writable();
		Response retried = backend.redeem(code.code(), code.pkce().verifier());

		assertUnavailableWithoutToken(refused);
		assertThat(retried.statusCode()).as(retried.asString()).isEqualTo(200);
	}

	@Test
	void refreshWhenTheTrailCannotBeWrittenThenUnavailableAndTheRefreshTokenIsNotRotated() {
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
		ClientRequests backend = ClientRequests.backend(this.issuer);
		String refreshToken = backend.authorizationCodeGrant(alice, "documents:read").getString("refresh_token");

		unwritable();
		Response refused = backend.refresh(refreshToken);
		writable();
		Response retried = backend.refresh(refreshToken);

		assertUnavailableWithoutToken(refused);
		assertThat(retried.statusCode()).as(retried.asString()).isEqualTo(200);
	}

	@Test
	void clientCredentialsWhenTheTrailCannotBeWrittenThenUnavailableAndNoAuthorizationIsStored() {
		int before = count("oauth2_authorization");

		unwritable();
		Response refused = ClientRequests.backend(this.issuer).clientCredentials(null);
		int during = count("oauth2_authorization");
		writable();

		assertUnavailableWithoutToken(refused);
		assertThat(during).isEqualTo(before);
	}

	@Test
	void exchangeWhenTheTrailCannotBeWrittenThenUnavailableAndNoAgentTokenIsRegistered() {
		Delegations delegations = new Delegations(this.issuer);
		Map<String, String> request = exchange(delegations.aliceToken("documents:read"),
				delegations.agent(DemoClients.SCHEDULING_AGENT, DemoClients.SCHEDULING_AGENT_SECRET).identityToken());
		String task = "task-" + UUID.randomUUID();
		request.put("task_id", task);

		unwritable();
		Response refused = delegations.asBackend(request);
		writable();

		assertUnavailableWithoutToken(refused);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM delegated_token WHERE task_id = ?", Integer.class,
				task)).isZero();
		assertThat(delegations.asBackend(request).statusCode()).isEqualTo(200);
	}

	@Test
	void revokeWhenTheTrailCannotBeWrittenThenUnavailableAndTheTokenStaysActive() {
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
		ClientRequests backend = ClientRequests.backend(this.issuer);
		String token = backend.authorizationCodeGrant(alice, "documents:read").getString("access_token");

		unwritable();
		Response refused = backend.revoke(token, null);
		writable();

		// RFC 7009 §2.2.1 / security case E12: never a 200 for a revocation that did not happen
		assertOAuthError(refused, 503, "temporarily_unavailable");
		assertThat(backend.isActive(token)).isTrue();
		assertThat(backend.revoke(token, null).statusCode()).isEqualTo(200);
		assertThat(backend.isActive(token)).isFalse();
	}

	@Test
	void approvalCheckWhenTheTrailCannotBeWrittenThenUnavailableAndNoApprovalIsFiled() {
		Delegations delegations = new Delegations(this.issuer);
		String task = "task-" + UUID.randomUUID();
		Map<String, String> request = exchange(delegations.aliceToken(Delegations.ALL_ALICE_SCOPES),
				delegations.agent(DemoClients.SCHEDULING_AGENT, DemoClients.SCHEDULING_AGENT_SECRET).identityToken());
		request.put("task_id", task);
		request.put("audience", "documents");
		String agentToken = delegations.asBackend(request).jsonPath().getString("access_token");

		unwritable();
		Response refused = approvalCheck(agentToken);
		int filed = this.jdbc.queryForObject("SELECT COUNT(*) FROM approval WHERE task_id = ?", Integer.class, task);
		writable();

		assertOAuthError(refused, 503, "temporarily_unavailable");
		assertThat(filed).isZero();
		assertThat(approvalCheck(agentToken).jsonPath().getString("status")).isEqualTo("pending");
	}

	@Test
	void loginWhenTheTrailCannotBeWrittenThenUnavailableAndNoSession() {
		BrowserSession bob = new BrowserSession(this.issuer);
		String page = bob.request().get("/login").asString();

		unwritable();
		Response refused = bob.request()
			.contentType(ContentType.URLENC)
			.formParam("email", DemoClients.BOB_EMAIL)
			.formParam("password", DemoClients.BOB_PASSWORD)
			.formParam("_csrf", BrowserSession.csrfOf(page))
			.post("/login");
		writable();

		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(bob.request().get("/audit").statusCode()).as("still not logged in").isEqualTo(302);
	}

	@Test
	void dpopProofWhenRefusedWhileTheTrailCannotBeWrittenThenUnavailableRatherThanAnUnrecordedRefusal() {
		unwritable();
		Response refused = AuthorizationRequests.tokenRequest(this.issuer)
			.auth()
			.preemptive()
			.basic(DemoClients.SCHEDULING_AGENT, DemoClients.SCHEDULING_AGENT_SECRET)
			.header("DPoP", "not-a-proof")
			.formParam("grant_type", "client_credentials")
			.post("/oauth2/token");
		writable();

		assertUnavailableWithoutToken(refused);
	}

	private Response approvalCheck(String agentToken) {
		return given().baseUri(this.issuer)
			.auth()
			.preemptive()
			.basic(AuditIngestionTests.RS_CLIENT, AuditIngestionTests.RS_SECRET)
			.contentType(ContentType.JSON)
			.body(Map.of("token", agentToken, "resource", "documents", "action", "delete", "target", "doc-1"))
			.post("/approvals/v1/check");
	}

	private void unwritable() {
		FailingAuditInsert.install(this.jdbc, DatabaseVendor.H2);
		this.failing = true;
	}

	private void writable() {
		FailingAuditInsert.remove(this.jdbc, DatabaseVendor.H2);
		this.failing = false;
	}

	private int count(String table) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
	}

	private static void assertUnavailableWithoutToken(Response response) {
		assertOAuthError(response, 503, "temporarily_unavailable");
		assertThat(response.asString()).doesNotContain("access_token").doesNotContain("eyJ");
	}

}
