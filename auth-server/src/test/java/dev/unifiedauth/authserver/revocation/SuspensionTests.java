package dev.unifiedauth.authserver.revocation;

import java.util.Map;

import dev.unifiedauth.authserver.accounts.PasswordHashing;
import dev.unifiedauth.authserver.accounts.UserAccounts;
import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.ClientRequests;
import dev.unifiedauth.authserver.testing.Delegations;
import dev.unifiedauth.authserver.testing.DemoClients;
import dev.unifiedauth.authserver.testing.TestUsers;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static dev.unifiedauth.authserver.revocation.TaskFixture.newTaskId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator disables an account or a client (security case E11): what was issued before stops working
 * (introspection, exchange), nothing new is issued (refresh, login, client authentication), and enabling it again
 * does not revive the old tokens. Each test disables an identity of its own, so the shared server's demo
 * identities are never touched.
 */
@AuthServerTest
class SuspensionTests {

	@Value("${unified-auth.issuer}")
	String issuer;

	@Autowired
	UserAccounts accounts;

	@Autowired
	PasswordHashing passwords;

	TaskFixture fixture;

	BrowserSession admin;

	@BeforeEach
	void fixture() {
		this.fixture = new TaskFixture(this.issuer);
		this.admin = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
	}

	@Test
	void disableAccountWhenTheUserHasAgentsAtWorkThenTheirTokensAndHersStopAndNothingNewIsIssued() {
		TestUsers carol = TestUsers.create(this.accounts, this.passwords, "admin");
		ClientRequests backend = ClientRequests.backend(this.issuer);
		JsonPath grant = backend.authorizationCodeGrant(carol.login(this.issuer), "documents:read documents:update");
		String scheduling = this.fixture.schedulingToken(grant.getString("access_token"), newTaskId());
		String analysis = this.fixture.analysisToken(scheduling);

		assertThat(change(this.admin, "accounts", carol.id(), "disable").statusCode()).isEqualTo(302);

		assertThat(backend.isActive(grant.getString("access_token"))).isFalse();
		assertThat(this.fixture.active(scheduling)).isFalse();
		assertThat(this.fixture.active(analysis)).isFalse();
		Response refresh = backend.refresh(grant.getString("refresh_token"));
		assertThat(refresh.statusCode()).isEqualTo(400);
		assertThat(refresh.jsonPath().getString("error")).isEqualTo("invalid_grant");
		assertThat(this.fixture.subDelegate(scheduling).statusCode()).isEqualTo(400);
		assertThat(new BrowserSession(this.issuer).login(carol.email(), carol.password()).header("Location"))
			.contains("/login?");

		assertThat(change(this.admin, "accounts", carol.id(), "enable").statusCode()).isEqualTo(302);
		assertThat(this.fixture.active(scheduling)).as("enabling does not revive old tokens").isFalse();
		String fresh = backend.authorizationCodeGrant(carol.login(this.issuer), "documents:read")
			.getString("access_token");
		assertThat(backend.isActive(fresh)).isTrue();
	}

	@Test
	void disableClientWhenAnAgentIsInTheChainThenEveryTokenNamingItStopsAndItCannotAuthenticate() {
		Delegations.Agent agent = this.fixture.delegations.registerAgent("suspended agent");
		String alice = this.fixture.delegations.aliceToken(Delegations.ALL_ALICE_SCOPES);
		Map<String, String> request = Delegations.exchange(alice, agent.identityToken());
		request.put("task_id", newTaskId());
		request.put("audience", "documents");
		String agentToken = TaskFixture.ok(this.fixture.delegations.asBackend(request)).getString("access_token");
		String subDelegated = TaskFixture.ok(agent.exchange(Delegations.exchange(agentToken,
				this.fixture.analysis.identityToken()))).getString("access_token");

		assertThat(change(this.admin, "clients", agent.clientId(), "disable").statusCode()).isEqualTo(302);

		assertThat(this.fixture.active(agentToken)).isFalse();
		assertThat(this.fixture.active(subDelegated)).as("it is in the chain").isFalse();
		Response authentication = agent.exchange(Delegations.exchange(alice, null));
		assertThat(authentication.statusCode()).isEqualTo(401);
		assertThat(authentication.jsonPath().getString("error")).isEqualTo("invalid_client");
		Response asActor = this.fixture.delegations.asBackend(request);
		assertThat(asActor.statusCode()).as("its identity token is dead too").isEqualTo(400);
		assertThat(this.admin.request().get("/admin").asString()).contains(agent.clientId()).contains("disabled");
	}

	@Test
	void adminPageWhenNotAnAdministratorThenForbiddenAndNothingChanges() {
		BrowserSession bob = BrowserSession.loggedIn(this.issuer, DemoClients.BOB_EMAIL, DemoClients.BOB_PASSWORD);
		TestUsers dave = TestUsers.create(this.accounts, this.passwords, "viewer");

		assertThat(bob.request().get("/admin").statusCode()).isEqualTo(403);
		assertThat(change(bob, "accounts", dave.id(), "disable").statusCode()).isEqualTo(403);

		assertThat(this.accounts.findById(dave.id()).orElseThrow().enabled()).isTrue();
	}

	static Response change(BrowserSession human, String kind, String id, String change) {
		String csrf = BrowserSession.csrfOf(human.request().get("/").asString());
		return human.request()
			.contentType(ContentType.URLENC)
			.formParam("_csrf", csrf)
			.post("/admin/" + kind + "/" + id + "/" + change);
	}

}
