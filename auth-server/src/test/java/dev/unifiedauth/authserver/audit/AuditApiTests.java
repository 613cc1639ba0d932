package dev.unifiedauth.authserver.audit;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.AuthorizationRequests;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.ClientRequests;
import dev.unifiedauth.authserver.testing.DPoPProofs;
import dev.unifiedauth.authserver.testing.Delegations;
import dev.unifiedauth.authserver.testing.DemoClients;
import dev.unifiedauth.authserver.testing.IssuedCode;
import dev.unifiedauth.core.testing.DPoPProofBuilder;
import dev.unifiedauth.core.testing.ProofKey;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static dev.unifiedauth.authserver.testing.Delegations.exchange;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /audit/v1/events} and {@code GET /audit/v1/verify} through the real filter chain: an administrator
 * sees everything, another human the chains rooted in them, agents and clients nothing; filters, pages, errors.
 */
@AuthServerTest
class AuditApiTests {

	@Value("${unified-auth.issuer}")
	String issuer;

	private AuditApi api;

	private String alice;

	private String bob;

	@BeforeEach
	void humans() {
		this.api = new AuditApi(this.issuer);
		this.alice = this.api.aliceToken();
		this.bob = this.api.bobToken();
	}

	@Test
	void eventsWhenAnAdministratorAsksThenOtherHumansEntriesAreThereToo() {
		List<Map<String, Object>> everything = this.api.all(this.alice, Map.of());

		assertThat(everything).anySatisfy((entry) -> assertThat(entry.get("chain")).isEqualTo(List.of(DemoClients.BOB_ID)));
		assertThat(everything).anySatisfy((entry) -> assertThat(entry.get("chain")).isEqualTo(List.of(DemoClients.ALICE_ID)));
		assertThat(everything).anySatisfy((entry) -> assertThat(entry.get("chain")).isEqualTo(List.of()));
	}

	@Test
	void eventsWhenAnotherHumanAsksThenOnlyTheChainsRootedInThemEvenWhenFilteringForSomeoneElse() {
		List<Map<String, Object>> bobs = this.api.all(this.bob, Map.of());
		List<Map<String, Object>> askingForAlice = this.api.all(this.bob, Map.of("actor", DemoClients.ALICE_ID));

		assertThat(bobs).isNotEmpty()
			.allSatisfy((entry) -> assertThat(((List<?>) entry.get("chain")).get(0)).isEqualTo(DemoClients.BOB_ID));
		assertThat(bobs).extracting((entry) -> entry.get("type")).contains("login", "token.issued");
		assertThat(askingForAlice).isEmpty();
	}

	@Test
	void eventsWhenFilteredByTaskTypeAndActorThenOnlyThoseOfTheDelegation() {
		Delegations delegations = new Delegations(this.issuer);
		String task = "task-" + UUID.randomUUID();
		Map<String, String> request = exchange(delegations.aliceToken("documents:read"),
				delegations.agent(DemoClients.SCHEDULING_AGENT, DemoClients.SCHEDULING_AGENT_SECRET).identityToken());
		request.put("task_id", task);
		assertThat(delegations.asBackend(request).statusCode()).isEqualTo(200);

		List<Map<String, Object>> ofTask = this.api.all(this.alice, Map.of("task", task));
		List<Map<String, Object>> exchanges = this.api.all(this.alice,
				Map.of("task", task, "type", "token.exchange", "actor", DemoClients.SCHEDULING_AGENT));
		List<Map<String, Object>> otherType = this.api.all(this.alice, Map.of("task", task, "type", "login"));
		List<Map<String, Object>> aliceSeesHers = this.api.all(this.api.aliceToken(), Map.of("task", task));

		assertThat(ofTask).singleElement().satisfies((entry) -> {
			assertThat(entry).containsEntry("type", "token.exchange").containsEntry("task_id", task);
			assertThat(entry).containsKeys("seq", "event_id", "time", "decision", "client_id", "jti", "prev_hash",
					"hash");
		});
		assertThat(exchanges).hasSize(1);
		assertThat(otherType).isEmpty();
		assertThat(aliceSeesHers).hasSize(1);
	}

	@Test
	void eventsWhenPagedThenEachPageHoldsSizeEntriesNewestFirstAndSaysWhetherMoreFollow() {
		Response first = this.api.events(this.alice, Map.of("size", "2"));
		Response second = this.api.events(this.alice, Map.of("size", "2", "page", "1"));

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.header("Cache-Control")).contains("no-store");
		List<Integer> firstSeqs = first.jsonPath().getList("events.seq");
		List<Integer> secondSeqs = second.jsonPath().getList("events.seq");
		assertThat(firstSeqs).hasSize(2);
		assertThat(firstSeqs.get(0)).isGreaterThan(firstSeqs.get(1));
		assertThat(secondSeqs.get(0)).isLessThan(firstSeqs.get(1));
		assertThat(first.jsonPath().getBoolean("has_more")).isTrue();
		assertThat(first.jsonPath().getInt("size")).isEqualTo(2);
		assertThat(second.jsonPath().getInt("page")).isEqualTo(1);
	}

	@Test
	void eventsWhenAnAgentsTokenWithItsDPoPProofThenForbiddenAsInsufficientScope() {
		ProofKey key = ProofKey.es256();
		Delegations delegations = new Delegations(this.issuer);
		Map<String, String> request = exchange(delegations.aliceToken("documents:read"), identityTokenBoundTo(key));
		request.put("task_id", "task-" + UUID.randomUUID());
		Response exchanged = delegations.asBackend(request);
		assertThat(exchanged.statusCode()).as(exchanged.asString()).isEqualTo(200);
		String agentToken = exchanged.jsonPath().getString("access_token");
		String uri = this.issuer + "/audit/v1/events";

		Response withProof = given().baseUri(this.issuer)
			.header("Authorization", "DPoP " + agentToken)
			.header(DPoPProofs.HEADER, DPoPProofs.resourceRequest(key, "GET", uri, agentToken).build())
			.get("/audit/v1/events");
		Response asBearer = this.api.events(agentToken, Map.of());

		// RFC 9449 §7: the proof is right, but an agent acting for alice is not alice
		assertThat(withProof.statusCode()).as(withProof.asString()).isEqualTo(403);
		assertThat(withProof.jsonPath().getString("error")).isEqualTo("insufficient_scope");
		assertThat(asBearer.statusCode()).isEqualTo(401);
	}

	@Test
	void eventsWhenAHumansDPoPBoundTokenWithItsProofThenTheirEntries() {
		ProofKey key = ProofKey.es256();
		BrowserSession bob = BrowserSession.loggedIn(this.issuer, DemoClients.BOB_EMAIL, DemoClients.BOB_PASSWORD);
		IssuedCode code = IssuedCode.issue(bob, DemoClients.BACKEND, "documents:read");
		Response redeemed = ClientRequests.backend(this.issuer)
			.authenticated()
			.header(DPoPProofs.HEADER, DPoPProofs.tokenRequest(this.issuer, key).build())
			.formParam("grant_type", "authorization_code")
			.formParam("code", code.code())
			.formParam("redirect_uri", DemoClients.LOOPBACK_REDIRECT)
			.formParam("code_verifier", code.pkce().verifier())
			.post("/oauth2/token");
		assertThat(redeemed.jsonPath().getString("token_type")).as(redeemed.asString()).isEqualTo("DPoP");
		String token = redeemed.jsonPath().getString("access_token");

		Response response = given().baseUri(this.issuer)
			.header("Authorization", "DPoP " + token)
			.header(DPoPProofs.HEADER,
					DPoPProofs.resourceRequest(key, "GET", this.issuer + "/audit/v1/events", token).build())
			.get("/audit/v1/events");

		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		assertThat(response.jsonPath().getList("events.chain[0]")).isNotEmpty().containsOnly(DemoClients.BOB_ID);
	}

	/** The scheduling agent's identity token, bound to {@code key} (with the server's nonce if it asks for one). */
	private String identityTokenBoundTo(ProofKey key) {
		Response response = identityRequest(key, null);
		if (response.statusCode() == 400 && response.header(DPoPProofs.NONCE_HEADER) != null) {
			response = identityRequest(key, response.header(DPoPProofs.NONCE_HEADER));
		}
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		return response.jsonPath().getString("access_token");
	}

	private Response identityRequest(ProofKey key, String nonce) {
		DPoPProofBuilder proof = DPoPProofs.tokenRequest(this.issuer, key);
		if (nonce != null) {
			proof.nonce(nonce);
		}
		return AuthorizationRequests.tokenRequest(this.issuer)
			.auth()
			.preemptive()
			.basic(DemoClients.SCHEDULING_AGENT, DemoClients.SCHEDULING_AGENT_SECRET)
			.header(DPoPProofs.HEADER, proof.build())
			.formParam("grant_type", "client_credentials")
			.post("/oauth2/token");
	}

	@Test
	void eventsWhenAClientsOwnTokenThenForbiddenAsInsufficientScope() {
		String clientToken = ClientRequests.backend(this.issuer).clientCredentials(null).jsonPath().getString("access_token");

		Response response = this.api.events(clientToken, Map.of());

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.header("WWW-Authenticate")).contains("insufficient_scope");
		assertThat(response.jsonPath().getString("error")).isEqualTo("insufficient_scope");
	}

	@Test
	void eventsWhenNoTokenOrARevokedOneThenUnauthorizedOrForbidden() {
		BrowserSession carol = BrowserSession.loggedIn(this.issuer, DemoClients.BOB_EMAIL, DemoClients.BOB_PASSWORD);
		String revoked = ClientRequests.backend(this.issuer).authorizationCodeGrant(carol, "documents:read")
			.getString("access_token");
		ClientRequests.backend(this.issuer).revoke(revoked, null);

		assertThat(given().baseUri(this.issuer).get("/audit/v1/events").statusCode()).isEqualTo(401);
		assertThat(this.api.events("not-a-token", Map.of()).statusCode()).isEqualTo(401);
		assertThat(this.api.events(revoked, Map.of()).statusCode()).isEqualTo(403);
	}

	@Test
	void eventsWhenPageSizeOrOrderInvalidThenInvalidRequest() {
		for (Map<String, String> query : List.of(Map.of("size", "0"), Map.of("size", "201"), Map.of("page", "-1"),
				Map.of("page", "x"), Map.of("order", "sideways"))) {
			Response response = this.api.events(this.alice, query);

			assertThat(response.statusCode()).as(query.toString()).isEqualTo(400);
			assertThat(response.jsonPath().getString("error")).isEqualTo("invalid_request");
		}
	}

	@Test
	void eventsWhenAnotherMethodThenRefused() {
		Response delete = given().baseUri(this.issuer).auth().oauth2(this.alice).delete("/audit/v1/events");

		assertThat(delete.statusCode()).isEqualTo(403);
	}

	@Test
	void verifyWhenAnAdministratorAsksThenTheTrailVerifies() {
		Response response = given().baseUri(this.issuer).auth().oauth2(this.alice).get("/audit/v1/verify");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.jsonPath().getString("status")).as(response.asString()).isEqualTo("ok");
		assertThat(response.jsonPath().getLong("entries")).isPositive();
		assertThat(response.jsonPath().getString("report")).startsWith("Audit trail OK: ");
	}

	@Test
	void verifyWhenAnotherHumanAsksThenForbidden() {
		Response response = given().baseUri(this.issuer).auth().oauth2(this.bob).get("/audit/v1/verify");

		assertThat(response.statusCode()).isEqualTo(403);
	}

}
