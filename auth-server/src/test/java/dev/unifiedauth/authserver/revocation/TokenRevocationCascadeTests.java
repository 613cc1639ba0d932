package dev.unifiedauth.authserver.revocation;

import java.util.List;
import java.util.Map;

import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.ClientRequests;
import dev.unifiedauth.authserver.testing.DemoClients;
import dev.unifiedauth.authserver.testing.IssuedCode;
import dev.unifiedauth.authserver.testing.Jwts;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.unifiedauth.authserver.revocation.TaskFixture.newTaskId;
import static dev.unifiedauth.authserver.revocation.TaskFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What dies with a revoked token (RFC 7009 §2.1 "related tokens"): revoking a human's access or refresh token —
 * ending her session with the app — ends every agent token rooted in that grant, at every depth; an agent's
 * revocation of its own token ends the tokens exchanged from it. Every one of them reaches the revocation feed.
 */
@AuthServerTest
class TokenRevocationCascadeTests {

	@Value("${unified-auth.issuer}")
	String issuer;

	@Autowired
	JdbcTemplate jdbc;

	TaskFixture fixture;

	ClientRequests backend;

	@BeforeEach
	void fixture() {
		this.fixture = new TaskFixture(this.issuer);
		this.backend = ClientRequests.backend(this.issuer);
	}

	@Test
	void revokeWhenAlicesAppRevokesHerAccessTokenThenHerAgentsTokensAtEveryDepthDie() {
		JsonPath grant = humanGrant();
		String scheduling = this.fixture.schedulingToken(grant.getString("access_token"), newTaskId());
		String analysis = this.fixture.analysisToken(scheduling);
		long cursor = ok(this.fixture.feed(0)).getLong("next");

		assertThat(this.backend.revoke(grant.getString("access_token"), "access_token").statusCode()).isEqualTo(200);

		assertThat(this.fixture.active(scheduling)).isFalse();
		assertThat(this.fixture.active(analysis)).isFalse();
		List<String> revokedJtis = ok(this.fixture.feed(cursor)).getList("events.jti");
		assertThat(revokedJtis).contains(jti(grant.getString("access_token")), jti(scheduling), jti(analysis));
	}

	@Test
	void revokeWhenHerRefreshTokenIsRevokedThenAgentTokensFromEarlierAccessTokensOfTheGrantDieToo() {
		JsonPath grant = humanGrant();
		String scheduling = this.fixture.schedulingToken(grant.getString("access_token"), newTaskId());
		JsonPath refreshed = ok(this.backend.refresh(grant.getString("refresh_token")));
		String laterScheduling = this.fixture.schedulingToken(refreshed.getString("access_token"), newTaskId());

		assertThat(this.backend.revoke(refreshed.getString("refresh_token"), "refresh_token").statusCode())
			.isEqualTo(200);

		assertThat(this.fixture.active(scheduling)).isFalse();
		assertThat(this.fixture.active(laterScheduling)).isFalse();
	}

	@Test
	void redeemWhenTheCodeComesBackThenTheFirstAccessTokenReachesTheFeedAndItsAgentsDie() {
		// A08 (OAuth 2.1 §4.1.3): the resource server, which checks only the feed, refuses the first token too
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL,
				DemoClients.ALICE_PASSWORD);
		IssuedCode code = IssuedCode.issue(alice, DemoClients.BACKEND, "documents:read");
		String accessToken = ok(this.backend.redeem(code.code(), code.pkce().verifier())).getString("access_token");
		String scheduling = this.fixture.schedulingToken(accessToken, newTaskId());
		long cursor = this.fixture.feedEnd();

		assertThat(this.backend.redeem(code.code(), code.pkce().verifier()).statusCode()).isEqualTo(400);

		assertThat(this.fixture.active(scheduling)).isFalse();
		assertThat(this.fixture.feedJtisAfter(cursor)).contains(jti(accessToken), jti(scheduling));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE type = 'token.revoked'"
				+ " AND reason = 'authorization_code_reuse' AND jti = ?", Integer.class, jti(accessToken))).isOne();
	}

	@Test
	void redeemWhenTheCodeComesBackAfterARefreshThenEveryLiveAccessTokenOfTheGrantReachesTheFeed() {
		// A08 once the client refreshed: the first access token is no longer the grant's current one, but resource
		// servers still accept it until its exp
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL,
				DemoClients.ALICE_PASSWORD);
		IssuedCode code = IssuedCode.issue(alice, DemoClients.BACKEND, "documents:read");
		JsonPath first = ok(this.backend.redeem(code.code(), code.pkce().verifier()));
		JsonPath refreshed = ok(this.backend.refresh(first.getString("refresh_token")));
		long cursor = this.fixture.feedEnd();

		assertThat(this.backend.redeem(code.code(), code.pkce().verifier()).statusCode()).isEqualTo(400);

		assertThat(this.fixture.feedJtisAfter(cursor)).contains(jti(first.getString("access_token")),
				jti(refreshed.getString("access_token")));
	}

	@Test
	void redeemWhenAnotherClientPresentsTheCodeThenNothingOfTheGrantIsRevoked() {
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL,
				DemoClients.ALICE_PASSWORD);
		IssuedCode code = IssuedCode.issue(alice, DemoClients.BACKEND, "documents:read");
		String accessToken = ok(this.backend.redeem(code.code(), code.pkce().verifier())).getString("access_token");
		long cursor = this.fixture.feedEnd();
		ClientRequests other = new ClientRequests(this.issuer, "resource-server-demo", "resource-server-demo-secret");

		assertThat(other.redeem(code.code(), code.pkce().verifier()).statusCode()).isEqualTo(400);

		assertThat(this.backend.isActive(accessToken)).isTrue();
		assertThat(this.fixture.feedJtisAfter(cursor)).doesNotContain(jti(accessToken));
	}

	@Test
	void revokeWhenAnotherClientTriesToRevokeTheHumansTokenThenRefusedAndTheAgentsKeepWorking() {
		JsonPath grant = humanGrant();
		String scheduling = this.fixture.schedulingToken(grant.getString("access_token"), newTaskId());
		ClientRequests other = new ClientRequests(this.issuer, "resource-server-demo", "resource-server-demo-secret");

		other.revoke(grant.getString("access_token"), "access_token");

		assertThat(this.backend.isActive(grant.getString("access_token"))).as("E03").isTrue();
		assertThat(this.fixture.active(scheduling)).isTrue();
	}

	@Test
	void revokeWhenTheSchedulingAgentRevokesItsTokenThenTheSubDelegatedTokenDiesButNotItsSibling() {
		String alice = humanGrant().getString("access_token");
		String task = newTaskId();
		String scheduling = this.fixture.schedulingToken(alice, task);
		String analysis = this.fixture.analysisToken(scheduling);
		String sibling = this.fixture.schedulingToken(alice, task);

		ClientRequests agent = new ClientRequests(this.issuer, DemoClients.SCHEDULING_AGENT,
				DemoClients.SCHEDULING_AGENT_SECRET);
		assertThat(agent.revoke(scheduling, null).statusCode()).isEqualTo(200);

		assertThat(this.fixture.active(scheduling)).isFalse();
		assertThat(this.fixture.active(analysis)).isFalse();
		assertThat(this.fixture.active(sibling)).isTrue();
	}

	@Test
	void revokeWhenAnAgentTriesToRevokeAnotherAgentsTokenThenNothingHappens() {
		String scheduling = this.fixture.schedulingToken(humanGrant().getString("access_token"), newTaskId());
		ClientRequests analysis = new ClientRequests(this.issuer, DemoClients.ANALYSIS_AGENT,
				DemoClients.ANALYSIS_AGENT_SECRET);

		analysis.revoke(scheduling, "access_token");

		assertThat(this.fixture.active(scheduling)).isTrue();
	}

	private JsonPath humanGrant() {
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL,
				DemoClients.ALICE_PASSWORD);
		return this.backend.authorizationCodeGrant(alice, "documents:read documents:update");
	}

	private static String jti(String token) {
		Map<String, Object> claims = Jwts.claims(token);
		return (String) claims.get("jti");
	}

}
