package dev.unifiedauth.authserver.token;

import java.util.List;

import dev.unifiedauth.authserver.UnifiedAuthProperties;
import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.AuthorizationRequests;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.ClientRequests;
import dev.unifiedauth.authserver.testing.Concurrently;
import dev.unifiedauth.authserver.testing.DemoClients;
import dev.unifiedauth.authserver.testing.TestClients;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertBearerTokenResponse;
import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refresh-token rotation with reuse detection (security-cases A25-A27; OAuth 2.1 §4.3.1, RFC 9700 §4.14.2):
 * every refresh returns a new refresh token; presenting a rotated-out one revokes the whole grant.
 */
@AuthServerTest
final class RefreshTokenTests {

	@Value("${unified-auth.issuer}")
	String issuer;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	PasswordEncoder clientSecrets;

	@Autowired
	UnifiedAuthProperties properties;

	ClientRequests backend;

	JsonPath grant;

	@BeforeEach
	void obtainGrant() {
		this.backend = ClientRequests.backend(this.issuer);
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL,
				DemoClients.ALICE_PASSWORD);
		this.grant = this.backend.authorizationCodeGrant(alice, "documents:read");
		assertThat(this.grant.getString("refresh_token")).isNotBlank();
	}

	@Test
	void refreshWhenRotatedOutTokenIsReusedThenInvalidGrantAndTheWholeGrantIsRevoked() {
		// A25
		String rt1 = this.grant.getString("refresh_token");
		Response second = this.backend.refresh(rt1);
		assertBearerTokenResponse(second);
		String rt2 = second.jsonPath().getString("refresh_token");
		String at2 = second.jsonPath().getString("access_token");
		assertThat(rt2).isNotBlank().isNotEqualTo(rt1);
		assertThat(this.backend.isActive(at2)).isTrue();

		assertOAuthError(this.backend.refresh(rt1), 400, "invalid_grant");

		assertOAuthError(this.backend.refresh(rt2), 400, "invalid_grant");
		assertThat(this.backend.isActive(at2)).isFalse();
		assertThat(this.backend.isActive(rt2)).isFalse();
	}

	@Test
	void refreshWhenEachNewTokenIsUsedInTurnThenEveryRefreshSucceeds() {
		// the control for A25: rotation itself does not revoke anything
		String refreshToken = this.grant.getString("refresh_token");
		for (int i = 0; i < 3; i++) {
			Response response = this.backend.refresh(refreshToken);
			assertBearerTokenResponse(response);
			assertThat(response.jsonPath().getString("refresh_token")).isNotEqualTo(refreshToken);
			refreshToken = response.jsonPath().getString("refresh_token");
		}
	}

	@Test
	void refreshWhenAnotherConfidentialClientPresentsTheTokenThenInvalidGrant() {
		// A26 (OAuth 2.1 §4.3.1: the refresh token is bound to the client it was issued to)
		ClientRequests other = TestClients.otherBackend(this.issuer, this.clients, this.clientSecrets,
				this.properties);

		assertOAuthError(other.refresh(this.grant.getString("refresh_token")), 400, "invalid_grant");
	}

	@Test
	void refreshWhenThePublicClientPresentsTheTokenThenInvalidClient() {
		// A26 with demo-web: a public client cannot authenticate a refresh request at all (it has no secret and
		// no refresh_token grant), so the request fails at client authentication, before the token is looked at
		Response response = AuthorizationRequests.tokenRequest(this.issuer)
			.formParam("grant_type", "refresh_token")
			.formParam("refresh_token", this.grant.getString("refresh_token"))
			.formParam("client_id", DemoClients.WEB)
			.post("/oauth2/token");

		assertOAuthError(response, 401, "invalid_client");
		assertBearerTokenResponse(this.backend.refresh(this.grant.getString("refresh_token")));
	}

	@Test
	void refreshWhenAskingForMoreScopeThanGrantedThenInvalidScope() {
		// A27 (RFC 6749 §6: the scope may only narrow)
		Response response = this.backend.authenticated()
			.formParam("grant_type", "refresh_token")
			.formParam("refresh_token", this.grant.getString("refresh_token"))
			.formParam("scope", "documents:read documents:update")
			.post("/oauth2/token");

		assertOAuthError(response, 400, "invalid_scope");
	}

	@Test
	void refreshWhenAskingForLessScopeThenTheNarrowerScopeIsIssued() {
		JsonPath wide = this.backend.authorizationCodeGrant(
				BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD),
				"documents:read documents:update");

		Response response = this.backend.authenticated()
			.formParam("grant_type", "refresh_token")
			.formParam("refresh_token", wide.getString("refresh_token"))
			.formParam("scope", "documents:read")
			.post("/oauth2/token");

		assertBearerTokenResponse(response);
		assertThat(response.jsonPath().getString("scope")).isEqualTo("documents:read");
	}

	@Test
	void refreshWhenTheSameTokenIsUsedConcurrentlyThenExactlyOneSucceedsAndTheGrantIsRevoked() throws Exception {
		String refreshToken = this.grant.getString("refresh_token");

		List<Response> responses = Concurrently.run(6, () -> this.backend.refresh(refreshToken));

		List<Response> successes = responses.stream().filter((response) -> response.statusCode() == 200).toList();
		assertThat(successes).hasSize(1);
		responses.stream()
			.filter((response) -> response.statusCode() != 200)
			.forEach((response) -> assertOAuthError(response, 400, "invalid_grant"));
		// the losers presented a token that had just been rotated out: that is reuse, and revokes the family
		String winnersRefreshToken = successes.get(0).jsonPath().getString("refresh_token");
		assertOAuthError(this.backend.refresh(winnersRefreshToken), 400, "invalid_grant");
		assertThat(this.backend.isActive(successes.get(0).jsonPath().getString("access_token"))).isFalse();
	}

}
