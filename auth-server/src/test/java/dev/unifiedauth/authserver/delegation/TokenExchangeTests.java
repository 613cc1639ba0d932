package dev.unifiedauth.authserver.delegation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.Delegations;
import dev.unifiedauth.authserver.testing.Jwts;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static dev.unifiedauth.authserver.testing.Delegations.exchange;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two-hop demo chain end to end through the token endpoint, asserting every claim of both tokens
 * (issue 3, items 2 and 3; security cases B15, B18, B19).
 */
@AuthServerTest
class TokenExchangeTests {

	static final String RS = "http://localhost:8081";

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
	void exchangeWhenAlicesAppDelegatesToTheSchedulingAgentThenItsTokenCarriesEveryClaim() {
		String alice = this.delegations.aliceToken(Delegations.ALL_ALICE_SCOPES);
		Map<String, Object> aliceClaims = Jwts.claims(alice);
		Map<String, String> request = exchange(alice, this.scheduling.identityToken());
		request.put("task_id", "task-abc");
		request.put("audience", "documents");

		Response response = this.delegations.asBackend(request);

		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		assertThat(response.header("Cache-Control")).contains("no-store");
		assertThat(response.jsonPath().getString("token_type")).isEqualTo("DPoP");
		assertThat(response.jsonPath().getString("issued_token_type"))
			.isEqualTo("urn:ietf:params:oauth:token-type:access_token");
		assertThat(response.jsonPath().getString("refresh_token")).isNull();
		assertThat(response.jsonPath().getInt("expires_in")).isBetween(290, 300);
		String token = response.jsonPath().getString("access_token");
		assertThat(Jwts.header(token)).containsEntry("typ", "at+jwt").containsEntry("alg", "ES256").containsKey("kid");
		Map<String, Object> claims = Jwts.claims(token);
		assertThat(claims).containsEntry("iss", this.issuer)
			.containsEntry("sub", "usr-alice-001")
			.containsEntry("client_id", "scheduling-agent-001")
			.containsEntry("task_id", "task-abc")
			.containsEntry("act", Map.of("sub", "scheduling-agent-001"))
			.containsEntry("cnf", Map.of("jkt", this.scheduling.jkt()))
			.containsEntry("scoped_resources", List.of("documents"))
			.containsEntry("scope", "documents:create documents:delete documents:read documents:update")
			.containsKeys("jti", "iat", "exp")
			.doesNotContainKeys("read_only", "roles", "may_act");
		assertThat(audience(claims)).containsExactly(RS);
		assertThat(epoch(claims, "exp") - epoch(claims, "iat")).isLessThanOrEqualTo(300);
		assertThat(epoch(claims, "exp")).isLessThanOrEqualTo(epoch(aliceClaims, "exp"));
		assertThat(response.jsonPath().getString("scope")).isEqualTo(
				"documents:create documents:delete documents:read documents:update");
	}

	@Test
	void exchangeWhenTheSchedulingAgentSubDelegatesReadOnlyThenTheAnalysisTokenNestsTheChain() {
		String scheduling = schedulingToken();
		Map<String, Object> schedulingClaims = Jwts.claims(scheduling);
		Map<String, String> request = exchange(scheduling, this.analysis.identityToken());
		request.put("read_only", "true");

		Response response = this.scheduling.exchange(request);

		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		assertThat(response.jsonPath().getString("token_type")).isEqualTo("DPoP");
		String token = response.jsonPath().getString("access_token");
		Map<String, Object> claims = Jwts.claims(token);
		assertThat(claims).containsEntry("sub", "usr-alice-001")
			.containsEntry("client_id", "analysis-agent-002")
			.containsEntry("act", Map.of("sub", "analysis-agent-002", "act", Map.of("sub", "scheduling-agent-001")))
			.containsEntry("task_id", "task-abc")
			.containsEntry("scope", "documents:read")
			.containsEntry("read_only", true)
			.containsEntry("scoped_resources", List.of("documents"))
			.containsEntry("cnf", Map.of("jkt", this.analysis.jkt()));
		assertThat(audience(claims)).containsExactly(RS);
		assertThat(epoch(claims, "exp")).isLessThanOrEqualTo(epoch(schedulingClaims, "exp"));
		@SuppressWarnings("unchecked")
		Map<String, Object> act = (Map<String, Object>) claims.get("act");
		assertThat(act).containsOnlyKeys("sub", "act"); // B19: no exp, nbf or aud inside act
	}

	@Test
	void introspectWhenAgentTokenThenOnlyItsAudienceLearnsActCnfTaskAndDPoPType() {
		String scheduling = schedulingToken();

		Response byResourceServer = introspect("resource-server-demo", "resource-server-demo-secret", scheduling);
		assertThat(byResourceServer.statusCode()).as(byResourceServer.asString()).isEqualTo(200);
		assertThat(byResourceServer.jsonPath().getBoolean("active")).isTrue();
		assertThat(byResourceServer.jsonPath().getString("token_type")).isEqualTo("DPoP");
		assertThat(byResourceServer.jsonPath().getString("task_id")).isEqualTo("task-abc");
		assertThat(byResourceServer.jsonPath().getString("act.sub")).isEqualTo("scheduling-agent-001");
		assertThat(byResourceServer.jsonPath().getString("cnf.jkt")).isEqualTo(this.scheduling.jkt());
		assertThat(byResourceServer.jsonPath().getString("scope")).contains("documents:read");
		assertThat(introspect("demo-backend", "demo-backend-secret", scheduling).jsonPath().getBoolean("active"))
			.isFalse();
		assertThat(introspect("scheduling-agent-001", "scheduling-agent-secret", scheduling).jsonPath()
			.getBoolean("active")).isFalse();
	}

	@Test
	void revokeWhenTheAgentRevokesItsOwnTokenThenItCanNoLongerBeExchangedOrIntrospected() {
		String scheduling = schedulingToken();
		Response revoked = given().baseUri(this.issuer)
			.auth()
			.preemptive()
			.basic("scheduling-agent-001", "scheduling-agent-secret")
			.formParam("token", scheduling)
			.post("/oauth2/revoke");
		assertThat(revoked.statusCode()).isEqualTo(200);
		assertThat(introspect("resource-server-demo", "resource-server-demo-secret", scheduling).jsonPath()
			.getBoolean("active")).isFalse();
		Response exchange = this.scheduling.exchange(exchange(scheduling, this.analysis.identityToken()));
		assertThat(exchange.statusCode()).isEqualTo(400);
		assertThat(exchange.jsonPath().getString("error")).isEqualTo("invalid_request");
	}

	String schedulingToken() {
		Map<String, String> request = exchange(this.delegations.aliceToken(Delegations.ALL_ALICE_SCOPES),
				this.scheduling.identityToken());
		request.put("task_id", "task-abc");
		request.put("audience", "documents");
		Response response = this.delegations.asBackend(request);
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		return response.jsonPath().getString("access_token");
	}

	Response introspect(String clientId, String secret, String token) {
		return given().baseUri(this.issuer)
			.auth()
			.preemptive()
			.basic(clientId, secret)
			.formParam("token", token)
			.post("/oauth2/introspect");
	}

	@SuppressWarnings("unchecked")
	static List<String> audience(Map<String, Object> claims) {
		Object aud = claims.get("aud");
		return (aud instanceof List<?> list) ? (List<String>) list : List.of((String) aud);
	}

	static long epoch(Map<String, Object> claims, String name) {
		Object value = claims.get(name);
		return (value instanceof java.util.Date date) ? date.toInstant().getEpochSecond()
				: (value instanceof Instant instant) ? instant.getEpochSecond() : ((Number) value).longValue();
	}

}
