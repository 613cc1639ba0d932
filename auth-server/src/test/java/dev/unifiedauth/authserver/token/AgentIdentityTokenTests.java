package dev.unifiedauth.authserver.token;

import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.unifiedauth.authserver.testing.AgentTokenRequests;
import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.ClientRequests;
import dev.unifiedauth.authserver.testing.DemoClients;
import dev.unifiedauth.authserver.testing.Jwts;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Value;

import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertBearerTokenResponse;
import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token an agent gets for itself with {@code client_credentials} (its identity, the future
 * {@code actor_token}): audience this server only, no scope, 5 minutes, bound to the DPoP key of the request. The
 * seeded demo agents authenticate with their secrets. Other clients' {@code client_credentials} tokens are as
 * before.
 */
@AuthServerTest
final class AgentIdentityTokenTests {

	@Value("${unified-auth.issuer}")
	String issuer;

	AgentTokenRequests agent;

	@BeforeEach
	void newDPoPKey() {
		this.agent = new AgentTokenRequests(this.issuer);
	}

	static JWTClaimsSet claims(String jwt) {
		try {
			return Jwts.parse(jwt).getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@ParameterizedTest
	@CsvSource({ DemoClients.SCHEDULING_AGENT + "," + DemoClients.SCHEDULING_AGENT_SECRET + ",true",
			DemoClients.SCHEDULING_AGENT + "," + DemoClients.SCHEDULING_AGENT_SECRET + ",false",
			DemoClients.ANALYSIS_AGENT + "," + DemoClients.ANALYSIS_AGENT_SECRET + ",true",
			DemoClients.ANALYSIS_AGENT + "," + DemoClients.ANALYSIS_AGENT_SECRET + ",false" })
	void tokenWhenSeededAgentAuthenticatesWithItsSecretThenItsIdentityTokenForThisServerOnly(String agentId,
			String secret, boolean basic) {
		Response response = this.agent.clientCredentials(agentId, secret, basic, null);

		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		assertThat(response.header("Cache-Control")).contains("no-store");
		assertThat(response.jsonPath().getString("token_type")).isEqualTo("DPoP");
		assertThat(response.jsonPath().getMap("$")).doesNotContainKeys("refresh_token", "scope", "id_token");
		String token = response.jsonPath().getString("access_token");
		JWTClaimsSet claims = claims(token);
		assertThat(Jwts.header(token)).containsEntry("typ", "at+jwt").containsEntry("alg", "ES256");
		assertThat(claims.getAudience()).containsExactly(this.issuer);
		assertThat(claims.getClaims()).doesNotContainKeys("scope", "roles", "act");
		assertThat(claims.getSubject()).isEqualTo(agentId);
		assertThat(claims.getIssuer()).isEqualTo(this.issuer);
		assertThat(claims.getClaim("client_id")).isEqualTo(agentId);
		assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(300_000);
		assertThat(response.jsonPath().getLong("expires_in")).isBetween(298L, 300L);
		@SuppressWarnings("unchecked")
		Map<String, Object> cnf = (Map<String, Object>) claims.getClaim("cnf");
		assertThat(cnf).containsEntry("jkt", this.agent.jkt()); // RFC 9449 §6.1
	}

	@Test
	void tokenWhenAgentAsksForScopeThenInvalidScope() {
		// contract rule 3: every action traces to a human; an agent's scope comes from a token exchange
		Response response = this.agent.clientCredentials(DemoClients.SCHEDULING_AGENT,
				DemoClients.SCHEDULING_AGENT_SECRET, true, "documents:read");

		assertOAuthError(response, 400, "invalid_scope");
	}

	@Test
	void tokenWhenAgentSecretWrongThenInvalidClient() {
		Response response = this.agent.clientCredentials(DemoClients.SCHEDULING_AGENT,
				DemoClients.ANALYSIS_AGENT_SECRET, true, null);

		assertOAuthError(response, 401, "invalid_client");
	}

	@Test
	void introspectWhenAgentAsksAboutItsIdentityTokenThenActiveWithoutScope() {
		String token = this.agent
			.clientCredentials(DemoClients.ANALYSIS_AGENT, DemoClients.ANALYSIS_AGENT_SECRET, true, null)
			.jsonPath()
			.getString("access_token");

		Response introspection = new ClientRequests(this.issuer, DemoClients.ANALYSIS_AGENT,
				DemoClients.ANALYSIS_AGENT_SECRET)
			.introspect(token);

		assertThat(introspection.jsonPath().getBoolean("active")).isTrue();
		assertThat(introspection.jsonPath().getString("scope")).isNull();
		assertThat(introspection.jsonPath().getList("aud", String.class)).containsExactly(this.issuer);
		assertThat(introspection.jsonPath().getString("sub")).isEqualTo(DemoClients.ANALYSIS_AGENT);
	}

	@Test
	void tokenWhenClientIsNotAnAgentThenClientCredentialsAsBefore() {
		Response response = ClientRequests.backend(this.issuer).clientCredentials("documents:read");

		assertBearerTokenResponse(response);
		JWTClaimsSet claims = claims(response.jsonPath().getString("access_token"));
		assertThat(claims.getAudience()).containsExactly(DemoClients.RESOURCE_SERVER);
		assertThat(claims.getClaim("scope")).isEqualTo("documents:read");
		assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(900_000);
		assertThat(response.jsonPath().getString("scope")).isEqualTo("documents:read");
	}

}
