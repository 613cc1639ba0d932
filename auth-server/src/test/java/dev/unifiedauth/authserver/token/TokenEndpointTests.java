package dev.unifiedauth.authserver.token;

import java.util.List;

import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.AuthorizationRequests;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.ClientRequests;
import dev.unifiedauth.authserver.testing.Concurrently;
import dev.unifiedauth.authserver.testing.DemoClients;
import dev.unifiedauth.authserver.testing.IssuedCode;
import dev.unifiedauth.authserver.testing.Pkce;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Value;

import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertBearerTokenResponse;
import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redeeming authorization codes at the token endpoint (security-cases A04-A09, A12, A21): PKCE, redirect URI,
 * client binding and single use, each with the exact RFC 6749 §5.2 error. Expiry (A11) is in
 * {@link ExpiredAuthorizationCodeTests}; the endpoint's request syntax in {@link TokenRequestSyntaxTests}.
 */
@AuthServerTest
final class TokenEndpointTests {

	private static final String SCOPE = "openid documents:read";

	@Value("${unified-auth.issuer}")
	String issuer;

	BrowserSession alice;

	ClientRequests backend;

	@BeforeEach
	void login() {
		this.alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
		this.backend = ClientRequests.backend(this.issuer);
	}

	@Test
	void tokenWhenPublicClientOmitsCodeVerifierThenInvalidGrant() {
		// A04 (OAuth 2.1 §4.1.3): the code has a challenge, so a verifier is required
		IssuedCode code = IssuedCode.issue(this.alice, DemoClients.WEB, SCOPE);

		Response response = AuthorizationRequests.tokenRequest(this.issuer)
			.formParam("grant_type", "authorization_code")
			.formParam("code", code.code())
			.formParam("redirect_uri", DemoClients.LOOPBACK_REDIRECT)
			.formParam("client_id", DemoClients.WEB)
			.post("/oauth2/token");

		assertOAuthError(response, 400, "invalid_grant");
		assertBearerTokenResponse(
				AuthorizationRequests.redeemAsPublicClient(this.issuer, code.code(), code.pkce().verifier()));
	}

	@Test
	void tokenWhenConfidentialClientOmitsCodeVerifierThenInvalidGrant() {
		// A04
		IssuedCode code = IssuedCode.issue(this.alice, DemoClients.BACKEND, SCOPE);

		Response response = this.backend.authenticated()
			.formParam("grant_type", "authorization_code")
			.formParam("code", code.code())
			.formParam("redirect_uri", DemoClients.LOOPBACK_REDIRECT)
			.post("/oauth2/token");

		assertOAuthError(response, 400, "invalid_grant");
	}

	@ParameterizedTest
	@ValueSource(strings = { DemoClients.WEB, DemoClients.BACKEND })
	void tokenWhenCodeVerifierWrongThenInvalidGrantAndTheLegitimateRedemptionStillWorks(String clientId) {
		// A05 (RFC 7636 §4.6) and A09 (OAuth 2.1 §7.5.2): a failed guess does not burn the code
		IssuedCode code = IssuedCode.issue(this.alice, clientId, SCOPE);
		for (String wrong : List.of(Pkce.generate().verifier(), code.pkce().challenge(), code.pkce().verifier() + "x")) {
			assertOAuthError(redeem(clientId, code.code(), wrong), 400, "invalid_grant");
		}

		Response legitimate = redeem(clientId, code.code(), code.pkce().verifier());

		assertBearerTokenResponse(legitimate);
		if (DemoClients.BACKEND.equals(clientId)) {
			assertThat(this.backend.isActive(legitimate.jsonPath().getString("access_token"))).isTrue();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1:53111/callback", "http://127.0.0.1/callback/", "" })
	void tokenWhenRedirectUriDiffersFromTheAuthorizationRequestThenInvalidGrant(String redirectUri) {
		// A06 (OAuth 2.1 §10.2, RFC 6749 §4.1.3); an empty value counts as missing
		IssuedCode code = IssuedCode.issue(this.alice, DemoClients.BACKEND, SCOPE);

		Response response = this.backend.authenticated()
			.formParam("grant_type", "authorization_code")
			.formParam("code", code.code())
			.formParam("redirect_uri", redirectUri)
			.formParam("code_verifier", code.pkce().verifier())
			.post("/oauth2/token");

		assertOAuthError(response, 400, "invalid_grant");
	}

	@Test
	void tokenWhenRedirectUriOmittedThoughTheAuthorizationRequestHadOneThenInvalidGrant() {
		// A06
		IssuedCode code = IssuedCode.issue(this.alice, DemoClients.BACKEND, SCOPE);

		Response response = this.backend.authenticated()
			.formParam("grant_type", "authorization_code")
			.formParam("code", code.code())
			.formParam("code_verifier", code.pkce().verifier())
			.post("/oauth2/token");

		assertOAuthError(response, 400, "invalid_grant");
	}

	// A07 (code issued without a challenge, then redeemed with a verifier): such a code cannot exist here, since
	// every client is registered with requireProofKey; AuthorizationRequestTests
	// .authorizeWhenCodeChallengeMissingThenInvalidRequestRedirectWithoutCode shows that a request without
	// code_challenge never yields a code, for the public and the confidential client.

	@Test
	void tokenWhenCodeRedeemedTwiceThenInvalidGrantAndTheFirstTokensAreRevoked() throws InterruptedException {
		// A08 (OAuth 2.1 §4.1.3)
		IssuedCode code = IssuedCode.issue(this.alice, DemoClients.BACKEND, SCOPE);
		Response first = this.backend.redeem(code.code(), code.pkce().verifier());
		assertBearerTokenResponse(first);
		String accessToken = first.jsonPath().getString("access_token");
		assertThat(this.backend.isActive(accessToken)).isTrue();
		Thread.sleep(1000);

		Response second = this.backend.redeem(code.code(), code.pkce().verifier());

		assertOAuthError(second, 400, "invalid_grant");
		assertThat(this.backend.isActive(accessToken)).isFalse();
		assertOAuthError(this.backend.refresh(first.jsonPath().getString("refresh_token")), 400, "invalid_grant");
	}

	@Test
	void tokenWhenCodeRedeemedConcurrentlyThenExactlyOneSucceeds() throws Exception {
		IssuedCode code = IssuedCode.issue(this.alice, DemoClients.BACKEND, SCOPE);

		List<Response> responses = Concurrently.run(6, () -> this.backend.redeem(code.code(), code.pkce().verifier()));

		assertThat(responses).filteredOn((response) -> response.statusCode() == 200).hasSize(1);
		responses.stream()
			.filter((response) -> response.statusCode() != 200)
			.forEach((response) -> assertOAuthError(response, 400, "invalid_grant"));
	}

	@Test
	void tokenWhenPublicClientsCodeRedeemedByAnotherClientThenInvalidGrant() {
		// A12 (RFC 6749 §5.2, OAuth 2.1 §4.1.3), even when the other client also has the verifier
		IssuedCode code = IssuedCode.issue(this.alice, DemoClients.WEB, SCOPE);

		Response response = this.backend.redeem(code.code(), code.pkce().verifier());

		assertOAuthError(response, 400, "invalid_grant");
	}

	@Test
	void tokenWhenConfidentialClientsCodeRedeemedAsPublicClientThenInvalidClient() {
		// A12 the other way round, and A23: demo-backend must authenticate, so a request naming only its client_id
		// (the public-client form) is invalid_client; naming demo-web with demo-backend's code is invalid_grant
		IssuedCode code = IssuedCode.issue(this.alice, DemoClients.BACKEND, SCOPE);

		Response asBackend = AuthorizationRequests.tokenRequest(this.issuer)
			.formParam("grant_type", "authorization_code")
			.formParam("code", code.code())
			.formParam("redirect_uri", DemoClients.LOOPBACK_REDIRECT)
			.formParam("client_id", DemoClients.BACKEND)
			.formParam("code_verifier", code.pkce().verifier())
			.post("/oauth2/token");
		Response asWeb = AuthorizationRequests.redeemAsPublicClient(this.issuer, code.code(), code.pkce().verifier());

		assertOAuthError(asBackend, 401, "invalid_client");
		assertOAuthError(asWeb, 400, "invalid_grant");
	}

	@Test
	void tokenWhenCodeIsUnknownThenInvalidGrant() {
		Response response = this.backend.redeem("not-a-code", Pkce.generate().verifier());

		assertOAuthError(response, 400, "invalid_grant");
	}

	@Test
	void tokenWhenEveryGrantSucceedsThenResponsesAreBearerAndNoStore() {
		// A21 (RFC 6749 §5.1, RFC 9449 §5: Bearer because no DPoP proof was sent)
		IssuedCode publicCode = IssuedCode.issue(this.alice, DemoClients.WEB, SCOPE);
		Response publicClient = AuthorizationRequests.redeemAsPublicClient(this.issuer, publicCode.code(),
				publicCode.pkce().verifier());
		IssuedCode backendCode = IssuedCode.issue(this.alice, DemoClients.BACKEND, SCOPE);
		Response confidential = this.backend.redeem(backendCode.code(), backendCode.pkce().verifier());
		Response refreshed = this.backend.refresh(confidential.jsonPath().getString("refresh_token"));
		Response clientCredentials = this.backend.clientCredentials("documents:read");

		for (Response response : List.of(publicClient, confidential, refreshed, clientCredentials)) {
			assertBearerTokenResponse(response);
			assertThat(response.header("Pragma")).isIn(null, "no-cache");
		}
	}

	private Response redeem(String clientId, String code, String verifier) {
		return DemoClients.WEB.equals(clientId) ? AuthorizationRequests.redeemAsPublicClient(this.issuer, code, verifier)
				: this.backend.redeem(code, verifier);
	}

}
