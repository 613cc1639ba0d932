package dev.unifiedauth.authserver.dpop;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which clients a token request names before Spring authenticates it: HTTP Basic (RFC 6749 §2.3.1, form-urlencoded
 * user name), {@code client_id}, and the unverified {@code sub}/{@code iss} of a {@code client_assertion}
 * (RFC 7523 §3).
 */
final class TokenRequestClientsTests {

	@Test
	void claimedByWhenHttpBasicThenItsFormDecodedUserName() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
		request.addHeader("Authorization", "Basic " + base64("agent%3A1+x:se:cret"));

		assertThat(TokenRequestClients.claimedBy(request)).containsExactly("agent:1 x");
	}

	@Test
	void claimedByWhenClientIdParameterThenIt() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
		request.addParameter("client_id", "demo-web");

		assertThat(TokenRequestClients.claimedBy(request)).containsExactly("demo-web");
	}

	@Test
	void claimedByWhenClientAssertionThenItsSubjectAndIssuerUnverified() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
		request.addParameter("client_assertion", base64Url("{\"alg\":\"ES256\"}") + "."
				+ base64Url("{\"iss\":\"agent-1\",\"sub\":\"agent-1\",\"aud\":\"x\"}") + ".c2ln");

		assertThat(TokenRequestClients.claimedBy(request)).containsExactly("agent-1");
	}

	@Test
	void claimedByWhenSeveralMethodsDisagreeThenEveryNamedClient() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
		request.addHeader("Authorization", "Basic " + base64("a:secret"));
		request.addParameter("client_id", "b");
		request.addParameter("client_assertion",
				base64Url("{}") + "." + base64Url("{\"iss\":\"c\",\"sub\":\"d\"}") + ".c2ln");

		assertThat(TokenRequestClients.claimedBy(request)).containsExactly("a", "b", "d", "c");
	}

	@Test
	void claimedByWhenCredentialsMalformedThenNothingAndNoError() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
		request.addHeader("Authorization", "Basic !!not-base64!!");
		request.addParameter("client_assertion", "not.a-jwt");
		request.addParameter("client_id", "");

		assertThat(TokenRequestClients.claimedBy(request)).isEmpty();
	}

	@Test
	void claimedByWhenBearerAuthorizationThenNotAClient() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
		request.addHeader("Authorization", "Bearer " + base64("a:b"));

		assertThat(TokenRequestClients.claimedBy(request)).isEmpty();
	}

	private static String base64(String value) {
		return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
	}

	private static String base64Url(String value) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
	}

}
