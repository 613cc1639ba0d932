package dev.unifiedauth.authserver.authorize;

import java.util.Map;

import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.AuthorizationRequests;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.DemoClients;
import dev.unifiedauth.authserver.testing.Pkce;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Value;

import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertErrorPage;
import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertErrorRedirect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization endpoint under the OAuth 2.1 profile (security-cases A01-A03, A13-A17, A19). Requests are
 * sent by a browser in which alice is logged in, the situation an attacker who lures her aims for: a request
 * that must fail never yields a code, and a request whose client or redirect URI cannot be trusted is answered
 * with an error page, never with a redirect.
 */
@AuthServerTest
final class AuthorizationRequestTests {

	@Value("${unified-auth.issuer}")
	String issuer;

	BrowserSession alice;

	@BeforeEach
	void login() {
		this.alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
	}

	static Map<String, String> request(String clientId) {
		return AuthorizationRequests.codeRequest(clientId, "openid documents:read", Pkce.generate());
	}

	@ParameterizedTest
	@ValueSource(strings = { DemoClients.WEB, DemoClients.BACKEND })
	void authorizeWhenCodeChallengeMissingThenInvalidRequestRedirectWithoutCode(String clientId) {
		// A01 (OAuth 2.1 §4.1.2.1, RFC 7636 §4.4.1); every client is registered with requireProofKey, so a code
		// without a challenge cannot be issued to the confidential client either (the precondition of A07)
		Map<String, String> request = request(clientId);
		request.remove("code_challenge");
		request.remove("code_challenge_method");

		Response response = this.alice.authorizeAndApprove(request);

		assertErrorRedirect(response, DemoClients.LOOPBACK_REDIRECT, "invalid_request", request.get("state"),
				this.issuer);
	}

	@ParameterizedTest(name = "method={0} challenge={1}")
	@CsvSource(nullValues = "NULL", value = {
			// A02: only S256 (OAuth 2.1 §4.1.1, RFC 9700 §2.1.1); a missing method means plain (RFC 7636 §4.3)
			"plain, E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
			"S512, E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
			"s256, E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
			"NULL, E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
			// A03: an S256 challenge is exactly 43 base64url characters (RFC 7636 §4.2; 2.1 ABNF 43*128)
			"S256, E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c",
			"S256, E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cMA",
			"S256, E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cME9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cME9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cMxxxxxxx",
			"S256, E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM",
			"S256, E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw/cM",
			"S256, E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c=",
			"S256, E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw.cM" })
	void authorizeWhenCodeChallengeNotS256FormThenInvalidRequestRedirectWithoutCode(String method, String challenge) {
		Map<String, String> request = request(DemoClients.WEB);
		request.put("code_challenge", challenge);
		if (method == null) {
			request.remove("code_challenge_method");
		}
		else {
			request.put("code_challenge_method", method);
		}

		Response response = this.alice.authorizeAndApprove(request);

		assertErrorRedirect(response, DemoClients.LOOPBACK_REDIRECT, "invalid_request", request.get("state"),
				this.issuer);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1/callback/", "http://127.0.0.1/callback/extra",
			"http://127.0.0.1/callbackx", "http://127.0.0.1/Callback", "http://127.0.0.1/%63allback",
			"http://127.0.0.1/x/../callback", "http://127.0.0.1/callback?x=1", "http://127.0.0.1/callback?",
			"http://127.0.0.1/callback#frag", "http://127.0.0.1/callback#", "https://127.0.0.1/callback",
			"HTTP://127.0.0.1/callback", "http://127.0.0.2/callback", "http://[::1]/callback",
			"http://evil.example/callback", "http://127.0.0.1.evil.example/callback",
			"http://127.0.0.1@evil.example/callback", "http://evil.example@127.0.0.1/callback",
			"//127.0.0.1/callback", "/callback", "javascript:alert(1)//127.0.0.1/callback",
			"http://127.0.0.1/callback%0d%0aSet-Cookie:x=1" })
	void authorizeWhenRedirectUriNotRegisteredThenErrorPageAndNoRedirect(String redirectUri) {
		// A13 (OAuth 2.1 §2.3.1, §4.1.2.1; RFC 9700 §4.1.3)
		Map<String, String> request = request(DemoClients.WEB);
		request.put("redirect_uri", redirectUri);

		assertErrorPage(this.alice.authorize(request), "invalid_request");
	}

	@Test
	void authorizeWhenLoopbackRedirectUriUsesAnotherPortThenCodeIsSentToThatPort() {
		// A14 (OAuth 2.1 §8.4.2): any port of a registered loopback IP redirect URI
		Map<String, String> request = request(DemoClients.WEB);
		request.put("redirect_uri", "http://127.0.0.1:53111/callback");

		Response response = this.alice.authorizeAndApprove(request);

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.header("Location")).startsWith("http://127.0.0.1:53111/callback?");
		assertThat(BrowserSession.query(response.header("Location"))).containsKey("code")
			.containsEntry("state", request.get("state"))
			.containsEntry("iss", this.issuer);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1:53111/callback?x=1", "http://localhost:53111/callback",
			"http://localhost/callback", "http://127.0.0.1:53111/callback/", "http://127.0.0.1:0/callback?" })
	void authorizeWhenLoopbackRedirectUriDiffersBeyondThePortThenErrorPageAndNoRedirect(String redirectUri) {
		// A14; CVE-2020-15233: only the port may vary, and only for an IP literal (not "localhost")
		Map<String, String> request = request(DemoClients.WEB);
		request.put("redirect_uri", redirectUri);

		assertErrorPage(this.alice.authorize(request), "invalid_request");
	}

	@ParameterizedTest
	@ValueSource(strings = { "unknown-client", "demo-web ", "DEMO-WEB", "" })
	void authorizeWhenClientUnknownThenErrorPageAndNoRedirect(String clientId) {
		// A15 (OAuth 2.1 §4.1.2.1): without a known client no redirect URI can be trusted
		Map<String, String> request = request(DemoClients.WEB);
		request.put("client_id", clientId);

		assertErrorPage(this.alice.authorize(request), "invalid_request");
	}

	@ParameterizedTest
	@ValueSource(strings = { "documents:read not-a-scope", "users:impersonate", "openid offline_access",
			"documents:read\"", "documents:read\\", "documents:read\u007f" })
	void authorizeWhenScopeNotRegisteredThenInvalidScopeRedirectWithStateAndIss(String scope) {
		// A16 (OAuth 2.1 §4.1.2.1, RFC 9207 §2); G07 (RFC 6749 §3.3)
		Map<String, String> request = request(DemoClients.WEB);
		request.put("scope", scope);

		Response response = this.alice.authorizeAndApprove(request);

		assertErrorRedirect(response, DemoClients.LOOPBACK_REDIRECT, "invalid_scope", request.get("state"),
				this.issuer);
	}

	@Test
	void authorizeWhenScopeNotRegisteredAndNobodyLoggedInThenInvalidScopeRedirect() {
		// A16: the request is validated before the login page is shown
		Map<String, String> request = request(DemoClients.BACKEND);
		request.put("scope", "documents:read not-a-scope");

		Response response = new BrowserSession(this.issuer).authorize(request);

		assertErrorRedirect(response, DemoClients.LOOPBACK_REDIRECT, "invalid_scope", request.get("state"),
				this.issuer);
	}

	@ParameterizedTest
	@ValueSource(strings = { "token", "code token", "id_token", "code id_token", "token id_token", "none", "CODE" })
	void authorizeWhenResponseTypeNotCodeThenUnsupportedResponseTypeAndNoToken(String responseType) {
		// A17 (OAuth 2.1 §10.1, RFC 9700 §2.1.2): no implicit or hybrid flow, never a token in a fragment
		Map<String, String> request = request(DemoClients.WEB);
		request.put("response_type", responseType);

		Response response = this.alice.authorize(request);

		assertErrorPage(response, "unsupported_response_type");
		assertThat(response.asString()).doesNotContain("access_token");
	}

	@Test
	void authorizeWhenResponseTypeMissingThenInvalidRequestErrorPage() {
		Map<String, String> request = request(DemoClients.WEB);
		request.remove("response_type");

		assertErrorPage(this.alice.authorize(request), "invalid_request");
	}

	@Test
	void authorizeWhenApprovedThenRedirectCarriesCodeStateAndIssuer() {
		// A19 (RFC 9207 §2, RFC 9700 §4.4.2.1)
		Map<String, String> request = request(DemoClients.BACKEND);

		Response response = this.alice.authorizeAndApprove(request);

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.header("Location")).startsWith(DemoClients.LOOPBACK_REDIRECT + "?");
		Map<String, String> parameters = BrowserSession.query(response.header("Location"));
		assertThat(parameters).containsOnlyKeys("code", "state", "iss")
			.containsEntry("state", request.get("state"))
			.containsEntry("iss", this.issuer);
		assertThat(parameters.get("code")).isNotBlank();
	}

}
