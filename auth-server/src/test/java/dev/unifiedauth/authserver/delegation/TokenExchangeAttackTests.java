package dev.unifiedauth.authserver.delegation;

import java.util.Base64;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.AuthorizationRequests;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.Delegations;
import dev.unifiedauth.authserver.testing.IssuedCode;
import dev.unifiedauth.authserver.testing.Jwts;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Value;

import static dev.unifiedauth.authserver.testing.Delegations.exchange;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security cases B01-B26 of token exchange, each with its exact status and error code.
 */
@AuthServerTest
class TokenExchangeAttackTests {

	@Value("${unified-auth.issuer}")
	String issuer;

	Delegations delegations;

	Delegations.Agent scheduling;

	Delegations.Agent analysis;

	@BeforeEach
	void parties() {
		this.delegations = new Delegations(this.issuer);
		this.scheduling = this.delegations.agent("scheduling-agent-001", "scheduling-agent-secret");
		this.analysis = this.delegations.agent("analysis-agent-002", "analysis-agent-secret");
	}

	@Test
	void exchangeWhenNoClientAuthenticationThenInvalidClient() { // B01
		Response response = given().baseUri(this.issuer)
			.formParams(exchange(alice(), this.scheduling.identityToken()))
			.post("/oauth2/token");
		assertError(response, 401, "invalid_client");
	}

	@Test
	void exchangeWhenClientMayNotUseTheGrantThenUnauthorizedClient() { // B02
		Response response = given().baseUri(this.issuer)
			.auth()
			.preemptive()
			.basic("resource-server-demo", "resource-server-demo-secret")
			.formParams(delegation(alice(), this.scheduling.identityToken()))
			.post("/oauth2/token");
		assertError(response, 400, "unauthorized_client");
	}

	@Test
	void exchangeWhenSubjectTokenOrItsTypeMissingOrActorTypeWithoutTokenThenInvalidRequest() { // B03-04
		String alice = alice();
		Map<String, String> noSubject = delegation(alice, this.scheduling.identityToken());
		noSubject.remove("subject_token");
		assertError(this.delegations.asBackend(noSubject), 400, "invalid_request");
		Map<String, String> noType = delegation(alice, this.scheduling.identityToken());
		noType.remove("subject_token_type");
		assertError(this.delegations.asBackend(noType), 400, "invalid_request");
		Map<String, String> actorWithoutType = delegation(alice, this.scheduling.identityToken());
		actorWithoutType.remove("actor_token_type");
		assertError(this.delegations.asBackend(actorWithoutType), 400, "invalid_request");
		Map<String, String> typeWithoutActor = delegation(alice, this.scheduling.identityToken());
		typeWithoutActor.remove("actor_token");
		assertError(this.delegations.asBackend(typeWithoutActor), 400, "invalid_request");
	}

	@Test
	void exchangeWhenSubjectTokenRepeatedOrEmptyThenInvalidRequestAndNoToken() { // B05
		String alice = alice();
		Response repeated = given().baseUri(this.issuer)
			.auth()
			.preemptive()
			.basic("demo-backend", "demo-backend-secret")
			.formParams(delegation(alice, this.scheduling.identityToken()))
			.formParam("subject_token", alice)
			.post("/oauth2/token");
		assertError(repeated, 400, "invalid_request");
		Map<String, String> empty = delegation(alice, this.scheduling.identityToken());
		empty.put("subject_token", "");
		assertError(this.delegations.asBackend(empty), 400, "invalid_request");
	}

	@ParameterizedTest
	@ValueSource(strings = { "urn:ietf:params:oauth:token-type:id_token", "urn:ietf:params:oauth:token-type:refresh_token",
			"urn:ietf:params:oauth:token-type:jwt", "urn:example:unknown" })
	void exchangeWhenSubjectTokenTypeIsNotAccessTokenThenInvalidRequest(String type) { // B06
		Map<String, String> request = delegation(alice(), this.scheduling.identityToken());
		request.put("subject_token_type", type);
		assertError(this.delegations.asBackend(request), 400, "invalid_request");
	}

	@Test
	void exchangeWhenSubjectOrActorRevokedOrUnknownThenInvalidRequest() { // B07-08
		String alice = alice();
		given().baseUri(this.issuer)
			.auth()
			.preemptive()
			.basic("demo-backend", "demo-backend-secret")
			.formParam("token", alice)
			.post("/oauth2/revoke")
			.then()
			.statusCode(200);
		assertError(this.delegations.asBackend(delegation(alice, this.scheduling.identityToken())), 400,
				"invalid_request");
		assertError(this.delegations.asBackend(delegation("not-a-token", this.scheduling.identityToken())), 400,
				"invalid_request");
		assertError(this.delegations.asBackend(delegation(alice(), "not-a-token")), 400, "invalid_request");
	}

	@Test
	void exchangeWhenSubjectSelfSignedOrAlgNoneOrFromAnotherIssuerThenInvalidRequest() throws Exception { // B09
		Map<String, Object> claims = Jwts.claims(alice());
		ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID(Jwts.header(alice()).get("kid").toString()).generate();
		SignedJWT forged = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt")).keyID(attacker.getKeyID())
					.build(),
				JWTClaimsSet.parse(claims));
		forged.sign(new ECDSASigner(attacker));
		assertError(this.delegations.asBackend(delegation(forged.serialize(), this.scheduling.identityToken())), 400,
				"invalid_request");
		String none = base64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "." + alice().split("\\.")[1] + ".";
		assertError(this.delegations.asBackend(delegation(none, this.scheduling.identityToken())), 400,
				"invalid_request");
		claims.put("iss", "https://evil.example");
		SignedJWT foreign = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
			.build(), JWTClaimsSet.parse(claims));
		foreign.sign(new ECDSASigner(attacker));
		assertError(this.delegations.asBackend(delegation(foreign.serialize(), this.scheduling.identityToken())), 400,
				"invalid_request");
	}

	@Test
	void exchangeWhenSubjectIsAnIdTokenRefreshTokenOrDPoPProofThenInvalidRequest() { // B10
		Response tokens = tokensOfAlice("openid documents:read");
		String actor = this.scheduling.identityToken();
		assertError(this.delegations.asBackend(delegation(tokens.jsonPath().getString("id_token"), actor)), 400,
				"invalid_request");
		assertError(this.delegations.asBackend(delegation(tokens.jsonPath().getString("refresh_token"), actor)), 400,
				"invalid_request");
		String proof = this.scheduling.keys().proof("POST", this.issuer + "/oauth2/token", null);
		assertError(this.delegations.asBackend(delegation(proof, actor)), 400, "invalid_request");
	}

	@Test
	void exchangeWhenScopeWiderThanTheSubjectThenInvalidScope() { // B11
		String readOnlyAlice = this.delegations.aliceToken("documents:read");
		Map<String, String> request = delegation(readOnlyAlice, this.scheduling.identityToken());
		request.put("scope", "documents:update");
		assertError(this.delegations.asBackend(request), 400, "invalid_scope");
		Map<String, String> forbidden = delegation(alice(), this.scheduling.identityToken());
		forbidden.put("scope", "users:delete");
		assertError(this.delegations.asBackend(forbidden), 400, "invalid_scope");
	}

	@Test
	void exchangeWhenNoScopeRequestedThenSubjectScopeMinusForbiddenIsIssuedAndNamed() { // B12
		Response response = this.delegations.asBackend(delegation(alice(), this.scheduling.identityToken()));
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		assertThat(response.jsonPath().getString("scope")).isEqualTo(
				"audit:read documents:create documents:delete documents:read documents:update payments:read users:read users:update");
	}

	@ParameterizedTest
	@ValueSource(strings = { "audience=admin-api", "resource=https://admin.example/api", "resource=/relative",
			"resource=http://localhost:8081#frag" })
	void exchangeWhenTargetUnknownOrMalformedThenInvalidTarget(String target) { // B13-14
		Map<String, String> request = delegation(alice(), this.scheduling.identityToken());
		String[] parameter = target.split("=", 2);
		request.put(parameter[0], parameter[1]);
		assertError(this.delegations.asBackend(request), 400, "invalid_target");
	}

	@Test
	void exchangeWhenTwoResourcesAndOneIsNotReachableThenInvalidTargetWithoutPartialWidening() { // B14
		Response response = given().baseUri(this.issuer)
			.auth()
			.preemptive()
			.basic("demo-backend", "demo-backend-secret")
			.formParams(delegation(alice(), this.scheduling.identityToken()))
			.formParam("resource", "http://localhost:8081")
			.formParam("resource", "https://admin.example")
			.post("/oauth2/token");
		assertError(response, 400, "invalid_target");
	}

	@Test
	void exchangeWhenResourceNamedThenAudienceIsExactlyIt() { // B15
		Map<String, String> request = delegation(alice(), this.scheduling.identityToken());
		request.put("resource", "http://localhost:8081");
		Response response = this.delegations.asBackend(request);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(TokenExchangeTests.audience(Jwts.claims(response.jsonPath().getString("access_token"))))
			.containsExactly("http://localhost:8081");
	}

	@Test
	void exchangeWhenTheOutputIsExchangedTenTimesThenExpiryNeverGrowsAndTheChainIsKept() { // B16, B20
		String current = schedulingToken();
		long original = TokenExchangeTests.epoch(Jwts.claims(current), "exp");
		for (int i = 0; i < 10; i++) {
			Response response = this.scheduling.exchange(exchange(current, null));
			assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
			current = response.jsonPath().getString("access_token");
			Map<String, Object> claims = Jwts.claims(current);
			assertThat(TokenExchangeTests.epoch(claims, "exp")).isLessThanOrEqualTo(original);
			assertThat(claims).containsEntry("act", Map.of("sub", "scheduling-agent-001"));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "urn:ietf:params:oauth:token-type:refresh_token", "urn:ietf:params:oauth:token-type:id_token" })
	void exchangeWhenRefreshOrIdTokenRequestedThenInvalidRequest(String type) { // B17
		Map<String, String> request = delegation(alice(), this.scheduling.identityToken());
		request.put("requested_token_type", type);
		assertError(this.delegations.asBackend(request), 400, "invalid_request");
	}

	@Test
	void exchangeWhenChainWouldGoPastFourAgentsOrLoopBackThenInvalidRequest() { // B21
		String token = schedulingToken();
		Delegations.Agent holder = this.scheduling;
		for (int i = 2; i <= 4; i++) {
			Delegations.Agent next = this.delegations.registerAgent("depth agent " + i);
			Response response = holder.exchange(exchange(token, next.identityToken()));
			assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
			token = response.jsonPath().getString("access_token");
			holder = next;
		}
		Delegations.Agent fifth = this.delegations.registerAgent("depth agent 5");
		assertError(holder.exchange(exchange(token, fifth.identityToken())), 400, "invalid_request");
		assertError(holder.exchange(exchange(token, this.scheduling.identityToken())), 400, "invalid_request");
	}

	@Test
	void exchangeWhenSubjectNamesOneMayActAgentThenAnotherOrNoActorIsRefused() { // B22
		Map<String, String> pinned = delegation(alice(), this.scheduling.identityToken());
		pinned.put("task_id", "task-pinned");
		pinned.put("may_act", "analysis-agent-002");
		Response response = this.delegations.asBackend(pinned);
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		String token = response.jsonPath().getString("access_token");
		assertThat(Jwts.claims(token)).containsEntry("may_act", Map.of("sub", "analysis-agent-002"));
		Delegations.Agent other = this.delegations.registerAgent("not the pinned agent");
		assertError(this.scheduling.exchange(exchange(token, other.identityToken())), 400, "invalid_request");
		assertError(this.scheduling.exchange(exchange(token, null)), 400, "invalid_request");
		assertThat(this.scheduling.exchange(exchange(token, this.analysis.identityToken())).statusCode()).isEqualTo(200);
	}

	@Test
	void exchangeWhenACallerThatDoesNotHoldTheSubjectNamesAnotherActorThenRefused() { // B23
		Response response = this.analysis.exchange(delegation(alice(), this.scheduling.identityToken()));
		assertError(response, 400, "invalid_request");
	}

	@Test
	void exchangeWhenTheSameTokenIsSubjectAndActorThenInvalidRequest() { // B24
		String alice = alice();
		assertError(this.delegations.asBackend(delegation(alice, alice)), 400, "invalid_request");
	}

	@Test
	void exchangeWhenADPoPBoundAgentSendsNoProofThenInvalidDPoPProof() { // B25
		Response response = this.scheduling.exchangeWithoutProof(exchange(schedulingToken(), this.analysis.identityToken()));
		assertError(response, 400, "invalid_dpop_proof");
	}

	@Test
	void exchangeWhenAStolenUserTokenIsPresentedByAnAgentThenInvalidRequest() { // B26
		Map<String, String> stolen = exchange(alice(), null);
		stolen.put("task_id", "task-stolen");
		assertError(this.scheduling.exchange(stolen), 400, "invalid_request");
	}

	@Test
	void exchangeWhenTheSubjectIsAnAgentsOwnClientCredentialsTokenThenInvalidRequest() {
		// contract: only tokens whose chain roots in a human are exchanged; a client's own token is never a subject
		for (String actor : new String[] { this.analysis.identityToken(), null }) {
			Map<String, String> request = exchange(this.scheduling.identityToken(), actor);
			request.put("task_id", "task-orphan");
			Response response = this.scheduling.exchange(request);
			assertError(response, 400, "invalid_request");
			assertThat(response.jsonPath().getString("error_description")).contains("never a subject");
		}
	}

	@Test
	void exchangeWhenABoundSubjectIsProvenWithAnotherKeyThenInvalidRequest() {
		String token = schedulingToken();
		Delegations.Agent impostor = this.delegations.agent("scheduling-agent-001", "scheduling-agent-secret");
		assertError(impostor.exchange(exchange(token, this.analysis.identityToken())), 400, "invalid_request");
	}

	@Test
	void exchangeWhenTheTaskChangesOrIsMissingThenInvalidRequest() {
		Map<String, String> noTask = delegation(alice(), this.scheduling.identityToken());
		noTask.remove("task_id");
		assertError(this.delegations.asBackend(noTask), 400, "invalid_request");
		Map<String, String> otherTask = exchange(schedulingToken(), this.analysis.identityToken());
		otherTask.put("task_id", "task-other");
		assertError(this.scheduling.exchange(otherTask), 400, "invalid_request");
	}

	String alice() {
		return this.delegations.aliceToken(Delegations.ALL_ALICE_SCOPES);
	}

	Response tokensOfAlice(String scope) {
		IssuedCode code = IssuedCode.issue(BrowserSession.loggedIn(this.issuer, "alice@example.com", "alice-password"),
				"demo-backend", scope);
		return AuthorizationRequests.redeemAsBackend(this.issuer, code.code(), code.pkce().verifier());
	}

	String schedulingToken() {
		Map<String, String> request = delegation(alice(), this.scheduling.identityToken());
		request.put("audience", "documents");
		Response response = this.delegations.asBackend(request);
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		return response.jsonPath().getString("access_token");
	}

	static Map<String, String> delegation(String subject, String actor) {
		Map<String, String> request = exchange(subject, actor);
		request.put("task_id", "task-abc");
		return request;
	}

	static void assertError(Response response, int status, String error) {
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
		assertThat(response.jsonPath().getString("error")).as(response.asString()).isEqualTo(error);
		assertThat(response.jsonPath().getString("access_token")).isNull();
	}

	static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes());
	}

}
