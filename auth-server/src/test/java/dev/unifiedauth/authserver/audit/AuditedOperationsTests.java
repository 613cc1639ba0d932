package dev.unifiedauth.authserver.audit;

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
import dev.unifiedauth.authserver.testing.Jwts;
import dev.unifiedauth.authserver.testing.Pkce;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static dev.unifiedauth.authserver.audit.AuditApi.details;
import static dev.unifiedauth.authserver.testing.Delegations.exchange;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of issue 5 item 2 lands in the trail through the one sink, with its chain and never a token,
 * seen through the query API as an administrator: logins, consent, tokens issued by every grant, refresh,
 * exchange, revocation, client registration, signing keys and DPoP proof refusals (with the check that failed).
 */
@AuthServerTest
class AuditedOperationsTests {

	@Value("${unified-auth.issuer}")
	String issuer;

	private AuditApi api;

	private String admin;

	@BeforeEach
	void anAdministrator() {
		this.api = new AuditApi(this.issuer);
		this.admin = this.api.aliceToken();
	}

	@Test
	void loginWhenItSucceedsOrFailsThenBothAreRecordedForTheAccountWithTheReason() {
		BrowserSession bob = new BrowserSession(this.issuer);
		bob.login(DemoClients.BOB_EMAIL, "not-bobs-password");
		bob.login(DemoClients.BOB_EMAIL, DemoClients.BOB_PASSWORD);
		new BrowserSession(this.issuer).login("nobody-" + UUID.randomUUID() + "@example.com", "whatever");

		List<Map<String, Object>> bobs = this.api.all(this.admin, Map.of("type", "login", "actor", DemoClients.BOB_ID));
		List<Map<String, Object>> logins = this.api.all(this.admin, Map.of("type", "login"));

		assertThat(bobs).anySatisfy((entry) -> {
			assertThat(entry).containsEntry("decision", "failure").containsEntry("reason", "bad_credentials");
			assertThat(entry.get("chain")).isEqualTo(List.of(DemoClients.BOB_ID));
		});
		assertThat(bobs).anySatisfy((entry) -> assertThat(entry).containsEntry("decision", "success")
			.containsEntry("source", "auth-server"));
		assertThat(logins).anySatisfy((entry) -> {
			assertThat(entry).containsEntry("decision", "failure").containsEntry("chain", List.of());
			assertThat(details(entry)).containsEntry("account", "unknown");
		});
		assertThat(logins.toString()).doesNotContain("not-bobs-password").doesNotContain("nobody-");
	}

	@Test
	void consentWhenGrantedOrDeniedThenRecordedWithTheHumanAndTheClient() {
		String client = registerCodeClient();
		BrowserSession bob = BrowserSession.loggedIn(this.issuer, DemoClients.BOB_EMAIL, DemoClients.BOB_PASSWORD);
		String scope = "users:read";
		Response toDeny = bob.authorize(AuthorizationRequests.codeRequest(client, scope, Pkce.generate()));
		BrowserSession.ConsentPage page = bob.consentPage(toDeny);
		bob.submitConsent(page, client, List.of(), page.csrf());
		IssuedCode.issue(bob, client, scope);

		List<Map<String, Object>> consents = this.api.all(this.admin, Map.of("type", "consent", "actor", client));

		assertThat(consents).extracting((entry) -> entry.get("decision")).containsExactly("denied", "granted");
		assertThat(consents.get(0)).containsEntry("reason", "access_denied")
			.containsEntry("chain", List.of(DemoClients.BOB_ID));
		assertThat(consents.get(1)).containsEntry("chain", List.of(DemoClients.BOB_ID));
		assertThat(details(consents.get(1))).containsEntry("scope", scope);
	}

	@Test
	void tokenWhenIssuedByTheCodeAndRefreshGrantsThenEachIsRecordedByItsJti() {
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
		JsonPath first = ClientRequests.backend(this.issuer).authorizationCodeGrant(alice, "documents:read");
		Response refreshed = ClientRequests.backend(this.issuer).refresh(first.getString("refresh_token"));
		assertThat(refreshed.statusCode()).isEqualTo(200);

		Map<String, Object> issued = only(this.api.byJti(this.admin, "token.issued", jti(first.getString("access_token"))));
		Map<String, Object> refresh = only(this.api.byJti(this.admin, "token.issued",
				jti(refreshed.jsonPath().getString("access_token"))));

		assertThat(issued).containsEntry("decision", "issued")
			.containsEntry("client_id", DemoClients.BACKEND)
			.containsEntry("chain", List.of(DemoClients.ALICE_ID));
		assertThat(details(issued)).containsEntry("grant_type", "authorization_code")
			.containsEntry("scope", "documents:read")
			.containsEntry("token_type", "Bearer");
		assertThat(details(refresh)).containsEntry("grant_type", "refresh_token");
		assertThat(refresh.get("chain")).isEqualTo(List.of(DemoClients.ALICE_ID));
	}

	@Test
	void tokenWhenIssuedByClientCredentialsToAnAgentThenRecordedAsDPoPBound() {
		String identity = new Delegations(this.issuer)
			.agent(DemoClients.SCHEDULING_AGENT, DemoClients.SCHEDULING_AGENT_SECRET)
			.identityToken();

		Map<String, Object> issued = only(this.api.byJti(this.admin, "token.issued", jti(identity)));

		assertThat(issued).containsEntry("client_id", DemoClients.SCHEDULING_AGENT)
			.containsEntry("chain", List.of(DemoClients.SCHEDULING_AGENT));
		assertThat(details(issued)).containsEntry("grant_type", "client_credentials").containsEntry("token_type", "DPoP");
	}

	@Test
	void exchangeWhenGrantedAndRefusedThenBothAreRecordedWithChainAndTask() {
		Delegations delegations = new Delegations(this.issuer);
		Delegations.Agent scheduling = delegations.agent(DemoClients.SCHEDULING_AGENT,
				DemoClients.SCHEDULING_AGENT_SECRET);
		String task = "task-" + UUID.randomUUID();
		Map<String, String> request = exchange(delegations.aliceToken("documents:read"), scheduling.identityToken());
		request.put("task_id", task);
		Response granted = delegations.asBackend(request);
		assertThat(granted.statusCode()).as(granted.asString()).isEqualTo(200);
		Map<String, String> wider = exchange(delegations.aliceToken("documents:read"), scheduling.identityToken());
		wider.put("task_id", task);
		wider.put("scope", "payments:create");
		assertThat(delegations.asBackend(wider).statusCode()).isEqualTo(400);

		List<Map<String, Object>> entries = this.api.all(this.admin, Map.of("task", task));

		assertThat(entries).extracting((entry) -> entry.get("decision")).containsExactly("granted", "refused");
		assertThat(entries.get(0)).containsEntry("type", "token.exchange")
			.containsEntry("task_id", task)
			.containsEntry("jti", jti(granted.jsonPath().getString("access_token")))
			.containsEntry("chain", List.of(DemoClients.ALICE_ID, DemoClients.SCHEDULING_AGENT));
		assertThat(entries.get(1).get("reason")).isNotNull().isNotEqualTo("granted");
	}

	@Test
	void revokeWhenTheHolderRevokesItsTokenThenRecordedWithTheJtiAndAnUnknownTokenAsIgnored() {
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
		ClientRequests backend = ClientRequests.backend(this.issuer);
		String token = backend.authorizationCodeGrant(alice, "documents:read").getString("access_token");
		assertThat(backend.revoke(token, "access_token").statusCode()).isEqualTo(200);
		assertThat(backend.revoke("not-a-token-" + UUID.randomUUID(), null).statusCode()).isEqualTo(200);

		Map<String, Object> revoked = only(this.api.byJti(this.admin, "token.revoked", jti(token)));
		List<Map<String, Object>> all = this.api.all(this.admin, Map.of("type", "token.revoked"));

		assertThat(revoked).containsEntry("decision", "revoked")
			.containsEntry("client_id", DemoClients.BACKEND)
			.containsEntry("chain", List.of(DemoClients.ALICE_ID));
		assertThat(details(revoked)).containsEntry("token_type", "access_token")
			.containsEntry("token_type_hint", "access_token");
		assertThat(all).anySatisfy((entry) -> assertThat(entry).containsEntry("decision", "ignored")
			.containsEntry("reason", "unknown_token"));
	}

	@Test
	void registerWhenAClientIsRegisteredThenRecordedWithTheRegistrantAndNeverTheSecretOrInitialToken() {
		Delegations.Agent agent = new Delegations(this.issuer).registerAgent("audited agent");

		List<Map<String, Object>> registrations = this.api.all(this.admin,
				Map.of("type", "client.registered", "actor", agent.clientId()));

		assertThat(registrations).singleElement().satisfies((entry) -> {
			assertThat(entry).containsEntry("decision", "registered").containsEntry("chain", List.of());
			assertThat(details(entry)).containsEntry("registrant", "initial-access-token").containsEntry("kind", "agent");
		});
		assertThat(registrations.toString()).doesNotContain(DemoClients.INITIAL_ACCESS_TOKEN);
	}

	@Test
	void startWhenTheFirstSigningKeyWasGeneratedThenItIsRecordedByKid() {
		List<Map<String, Object>> generated = this.api.all(this.admin, Map.of("type", "key.generated"));

		assertThat(generated).singleElement().satisfies((entry) -> {
			assertThat(details(entry)).containsEntry("kid", Jwts.header(this.admin).get("kid"))
				.containsEntry("algorithm", "ES256");
		});
	}

	@Test
	void dpopWhenAProofIsRefusedAtTheTokenEndpointThenRecordedWithTheCheckThatFailed() {
		AgentTokenRequests keys = new AgentTokenRequests(this.issuer);
		String nonce = nonceFor(keys);
		String replayed = keys.proof("POST", this.issuer + "/oauth2/token", nonce);
		assertThat(agentRequest(replayed).statusCode()).isEqualTo(200);

		Response wrongUri = agentRequest(keys.proof("POST", "https://elsewhere.example/oauth2/token", nonce));
		Response replay = agentRequest(replayed);

		assertThat(wrongUri.statusCode()).isEqualTo(400);
		assertThat(replay.statusCode()).isEqualTo(400);
		List<Map<String, Object>> refusals = this.api.all(this.admin,
				Map.of("type", "dpop.proof", "actor", DemoClients.SCHEDULING_AGENT));
		assertThat(refusals).anySatisfy((entry) -> assertThat(entry).containsEntry("decision", "refused")
			.containsEntry("reason", "htu"));
		assertThat(refusals).anySatisfy((entry) -> {
			assertThat(entry).containsEntry("reason", "jti_replay");
			assertThat(details(entry)).containsEntry("error", "invalid_dpop_proof").containsEntry("endpoint", "token");
		});
		assertThat(refusals.toString()).doesNotContain(replayed).doesNotContain(replayed.split("\\.")[1]);
	}

	/** A new confidential client of the code flow, which nobody has consented to yet. */
	private String registerCodeClient() {
		Response registered = given().baseUri(this.issuer)
			.contentType(ContentType.JSON)
			.header("Authorization", "Bearer " + DemoClients.INITIAL_ACCESS_TOKEN)
			.body(Map.of("agent", false, "token_endpoint_auth_method", "client_secret_basic", "grant_types",
					List.of("authorization_code"), "redirect_uris", List.of(DemoClients.LOOPBACK_REDIRECT), "scope",
					"users:read documents:read"))
			.post("/oauth2/register");
		assertThat(registered.statusCode()).as(registered.asString()).isEqualTo(201);
		return registered.jsonPath().getString("client_id");
	}

	private String nonceFor(AgentTokenRequests keys) {
		Response first = agentRequest(keys.proof("POST", this.issuer + "/oauth2/token", null));
		return (first.statusCode() == 400) ? first.header("DPoP-Nonce") : null;
	}

	private Response agentRequest(String proof) {
		return AuthorizationRequests.tokenRequest(this.issuer)
			.auth()
			.preemptive()
			.basic(DemoClients.SCHEDULING_AGENT, DemoClients.SCHEDULING_AGENT_SECRET)
			.header("DPoP", proof)
			.formParam("grant_type", "client_credentials")
			.post("/oauth2/token");
	}

	private static String jti(String jwt) {
		return (String) Jwts.claims(jwt).get("jti");
	}

	private static Map<String, Object> only(List<Map<String, Object>> entries) {
		assertThat(entries).hasSize(1);
		return entries.get(0);
	}

}
