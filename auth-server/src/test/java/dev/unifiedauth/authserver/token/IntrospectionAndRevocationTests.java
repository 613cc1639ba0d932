package dev.unifiedauth.authserver.token;

import dev.unifiedauth.authserver.UnifiedAuthProperties;
import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.AuthorizationRequests;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.ClientRequests;
import dev.unifiedauth.authserver.testing.DemoClients;
import dev.unifiedauth.authserver.testing.Jwts;
import dev.unifiedauth.authserver.testing.TestClients;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertBearerTokenResponse;
import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token introspection (RFC 7662) and revocation (RFC 7009) by confidential clients, and the client-credentials
 * grant whose tokens they describe.
 */
@AuthServerTest
final class IntrospectionAndRevocationTests {

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
	}

	@Test
	void introspectWhenOwnAccessTokenThenActiveWithScopeSubjectAndClient() {
		// RFC 7662 §2.2
		Response response = this.backend.introspect(this.grant.getString("access_token"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.header("Cache-Control")).contains("no-store");
		JsonPath body = response.jsonPath();
		assertThat(body.getBoolean("active")).isTrue();
		assertThat(body.getString("scope")).isEqualTo("documents:read");
		assertThat(body.getString("sub")).isEqualTo(DemoClients.ALICE_ID);
		assertThat(body.getString("client_id")).isEqualTo(DemoClients.BACKEND);
		assertThat(body.getString("iss")).isEqualTo(this.issuer);
		assertThat(body.getString("token_type")).isEqualTo("Bearer");
	}

	@Test
	void introspectWhenOwnRefreshTokenThenActive() {
		assertThat(this.backend.isActive(this.grant.getString("refresh_token"))).isTrue();
	}

	@Test
	void introspectWhenNotAuthenticatedThenInvalidClient() {
		// RFC 7662 §2.1 (security-cases E13)
		Response response = AuthorizationRequests.tokenRequest(this.issuer)
			.formParam("token", this.grant.getString("access_token"))
			.post("/oauth2/introspect");

		assertOAuthError(response, 401, "invalid_client");
	}

	@Test
	void introspectWhenAnotherClientAsksThenInactive() {
		// RFC 7662 §4: a client that is neither the token's client nor its audience learns nothing
		ClientRequests other = TestClients.otherBackend(this.issuer, this.clients, this.clientSecrets,
				this.properties);

		Response response = other.introspect(this.grant.getString("access_token"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.jsonPath().getMap("$")).containsOnlyKeys("active");
		assertThat(response.jsonPath().getBoolean("active")).isFalse();
	}

	@Test
	void introspectWhenTokenUnknownThenInactive() {
		assertThat(this.backend.isActive("not-a-token")).isFalse();
	}

	@Test
	void revokeWhenRefreshTokenRevokedThenRefreshFailsAndTheAccessTokenDies() {
		// RFC 7009 §2.1-2.2 (security-cases E04)
		Response response = this.backend.revoke(this.grant.getString("refresh_token"), "refresh_token");

		assertThat(response.statusCode()).isEqualTo(200);
		assertOAuthError(this.backend.refresh(this.grant.getString("refresh_token")), 400, "invalid_grant");
		assertThat(this.backend.isActive(this.grant.getString("access_token"))).isFalse();
	}

	@Test
	void revokeWhenAccessTokenRevokedThenItIsInactive() {
		Response response = this.backend.revoke(this.grant.getString("access_token"), "access_token");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.backend.isActive(this.grant.getString("access_token"))).isFalse();
	}

	@Test
	void revokeWhenTokenUnknownThenOk() {
		// RFC 7009 §2.2: invalid tokens do not cause an error response
		assertThat(this.backend.revoke("not-a-token", null).statusCode()).isEqualTo(200);
		assertThat(this.backend.revoke("not-a-token", "refresh_token").statusCode()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "access_token", "unknown_hint" })
	void revokeWhenHintIsWrongThenTheRefreshTokenIsStillRevoked(String hint) {
		// RFC 7009 §2.1: the hint only speeds up the lookup; the server extends its search to all token types
		Response response = this.backend.revoke(this.grant.getString("refresh_token"), hint);

		assertThat(response.statusCode()).isEqualTo(200);
		assertOAuthError(this.backend.refresh(this.grant.getString("refresh_token")), 400, "invalid_grant");
	}

	@Test
	void revokeWhenAnotherClientRevokesThenRefusedAndTheTokenStillWorks() {
		// RFC 7009 §2.1: the server verifies that the token was issued to the client making the request
		// (security-cases E03); Spring refuses with invalid_client
		ClientRequests other = TestClients.otherBackend(this.issuer, this.clients, this.clientSecrets,
				this.properties);

		Response response = other.revoke(this.grant.getString("refresh_token"), "refresh_token");

		assertOAuthError(response, 401, "invalid_client");
		assertThat(this.backend.isActive(this.grant.getString("access_token"))).isTrue();
		assertBearerTokenResponse(this.backend.refresh(this.grant.getString("refresh_token")));
	}

	@Test
	void revokeWhenTokenParameterRepeatedThenInvalidRequestAndNothingIsRevoked() {
		// G01 (RFC 6749 §3.1)
		String refreshToken = this.grant.getString("refresh_token");

		Response response = this.backend.authenticated()
			.formParam("token", refreshToken, refreshToken)
			.post("/oauth2/revoke");

		assertOAuthError(response, 400, "invalid_request");
		assertBearerTokenResponse(this.backend.refresh(refreshToken));
	}

	@Test
	void revokeWhenNotAuthenticatedThenInvalidClientAndTheTokenStillWorks() {
		Response response = AuthorizationRequests.tokenRequest(this.issuer)
			.formParam("token", this.grant.getString("refresh_token"))
			.post("/oauth2/revoke");

		assertOAuthError(response, 401, "invalid_client");
		assertBearerTokenResponse(this.backend.refresh(this.grant.getString("refresh_token")));
	}

	@Test
	void clientCredentialsWhenBackendAuthenticatesThenTokenNamesTheClientAsSubject() {
		Response response = this.backend.clientCredentials("documents:read");

		assertBearerTokenResponse(response);
		assertThat(response.jsonPath().getString("refresh_token")).isNull();
		String accessToken = response.jsonPath().getString("access_token");
		assertThat(Jwts.claims(accessToken)).containsEntry("sub", DemoClients.BACKEND)
			.containsEntry("client_id", DemoClients.BACKEND)
			.containsEntry("scope", "documents:read");
		JsonPath introspection = this.backend.introspect(accessToken).jsonPath();
		assertThat(introspection.getBoolean("active")).isTrue();
		assertThat(introspection.getString("sub")).isEqualTo(DemoClients.BACKEND);
	}

}
