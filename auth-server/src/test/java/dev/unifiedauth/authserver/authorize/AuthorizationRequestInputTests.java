package dev.unifiedauth.authserver.authorize;

import java.util.Map;

import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.AuthorizationRequests;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.DemoClients;
import dev.unifiedauth.authserver.testing.OAuthAssertions;
import dev.unifiedauth.authserver.testing.Pkce;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Value;

import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertErrorPage;
import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertErrorRedirect;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input at the authorization endpoint (security-cases G01, G06, G09): repeated parameters, values that
 * try to break out of a header, a URL or a page, and oversized values.
 */
@AuthServerTest
final class AuthorizationRequestInputTests {

	private static final String HOSTILE = "a\r\nSet-Cookie: injected=1\r\nX-Injected: 1\r\n\"'<script>alert(1)</script>\\ %0d%0a";

	@Value("${unified-auth.issuer}")
	String issuer;

	BrowserSession alice;

	@BeforeEach
	void login() {
		this.alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
	}

	static Map<String, String> request() {
		return AuthorizationRequests.codeRequest(DemoClients.WEB, "openid documents:read", Pkce.generate());
	}

	@ParameterizedTest
	@ValueSource(strings = { "response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge",
			"code_challenge_method" })
	void authorizeWhenParameterRepeatedThenInvalidRequestErrorPage(String name) {
		// G01 (RFC 6749 §3.1: parameters MUST NOT be included more than once), even with the same value twice
		Map<String, String> request = request();
		RequestSpecification spec = this.alice.request();
		request.forEach((key, value) -> {
			if (key.equals(name)) {
				spec.queryParam(key, value, value);
			}
			else {
				spec.queryParam(key, value);
			}
		});

		assertErrorPage(spec.get("/oauth2/authorize"), "invalid_request");
	}

	@Test
	void authorizeWhenStateIsHostileThenErrorRedirectEchoesItEncodedWithoutHeaderInjection() {
		// G06 (OAuth 2.1 §4.1.2.1): state comes back unchanged, but only inside the encoded query
		Map<String, String> request = request();
		request.put("state", HOSTILE);
		request.put("scope", "not-a-scope");

		Response response = this.alice.authorize(request);

		assertErrorRedirect(response, DemoClients.LOOPBACK_REDIRECT, "invalid_scope", HOSTILE, this.issuer);
		assertNoInjection(response);
	}

	@Test
	void authorizeWhenStateIsHostileThenCodeRedirectEchoesItEncodedWithoutHeaderInjection() {
		// G06 on the success path
		Map<String, String> request = request();
		request.put("state", HOSTILE);

		Response response = this.alice.authorizeAndApprove(request);

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(BrowserSession.query(response.header("Location"))).containsKey("code")
			.containsEntry("state", HOSTILE)
			.containsEntry("iss", this.issuer);
		assertNoInjection(response);
	}

	@Test
	void authorizeWhenClientIdIsHostileThenErrorPageDoesNotReflectIt() {
		// G06: the error page neither redirects nor renders the input as markup
		Map<String, String> request = request();
		request.put("client_id", HOSTILE);

		Response response = this.alice.authorize(request);

		assertErrorPage(response, "invalid_request");
		assertNoInjection(response);
		assertThat(response.asString()).doesNotContain("<script>");
	}

	@ParameterizedTest
	@ValueSource(strings = { "%C0%AF", "%FF", "%ED%A0%80" })
	void authorizeWhenAParameterIsNotUtf8ThenBadRequestWithoutRedirectOrServerError(String bytes) {
		// G05 (RFC 8725 §3.7): the query cannot be decoded, so nothing in it is trusted, not even redirect_uri
		Response response = given().baseUri(this.issuer)
			.urlEncodingEnabled(false)
			.redirects()
			.follow(false)
			.get("/oauth2/authorize?response_type=code&client_id=" + DemoClients.WEB + "&state=" + bytes
					+ "&code_challenge_method=S256&code_challenge=" + "a".repeat(43));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.header("Location")).isNull();
		assertThat(response.asString()).doesNotContain("Exception").doesNotContain("at org.");
	}

	@Test
	void authorizeWhenScopeIsHostileThenInvalidScopeWithSafeDescription() {
		// G06/G07: the error_description holds only RFC 6749 §5.2 characters
		Map<String, String> request = request();
		request.put("scope", HOSTILE);

		Response response = this.alice.authorize(request);

		Map<String, String> parameters = assertErrorRedirect(response, DemoClients.LOOPBACK_REDIRECT, "invalid_scope",
				request.get("state"), this.issuer);
		assertThat(parameters.getOrDefault("error_description", "")).matches(OAuthAssertions.SAFE_DESCRIPTION);
		assertNoInjection(response);
	}

	@ParameterizedTest
	@ValueSource(strings = { "client_id", "redirect_uri" })
	void authorizeWhenClientIdOrRedirectUriIs8kBThenErrorPageNot500(String name) {
		// G09 (OAuth 2.1 §7.12)
		Map<String, String> request = request();
		request.put(name, request.get(name) + "x".repeat(8 * 1024));

		assertErrorPage(this.alice.authorize(request), "invalid_request");
	}

	@Test
	void authorizeWhenStateIs8kBThenRefusedWithErrorPageNot500() {
		// G09: an 8 kB state would make the authorization response's Location header larger than many
		// servers and proxies accept; it is refused before a code is issued
		Map<String, String> request = request();
		request.put("state", "s".repeat(8 * 1024));

		Response response = this.alice.authorizeAndApprove(request);

		assertErrorPage(response, "invalid_request");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a", "\u00e9" })
	void authorizeWhenEncodedStateLongerThan2048ThenErrorPageEvenOnTheErrorRedirectPath(String unit) {
		// G09: 2049 'a', or 342 'é' (6 characters each once percent-encoded), with a bad scope that would
		// otherwise be answered by a redirect carrying the state
		Map<String, String> request = request();
		request.put("state", unit.repeat("a".equals(unit) ? 2049 : 342));
		request.put("scope", "not-a-scope");

		assertErrorPage(this.alice.authorize(request), "invalid_request");
		assertErrorPage(new BrowserSession(this.issuer).authorize(request), "invalid_request");
	}

	@Test
	void authorizeWhenStateIsExactly2048CharactersThenCodeRedirectEchoesIt() {
		// the limit is inclusive
		Map<String, String> request = request();
		request.put("state", "s".repeat(2048));

		Response response = this.alice.authorizeAndApprove(request);

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(BrowserSession.query(response.header("Location"))).containsKey("code")
			.containsEntry("state", "s".repeat(2048));
	}

	private static void assertNoInjection(Response response) {
		assertThat(response.headers().hasHeaderWithName("X-Injected")).isFalse();
		assertThat(response.headers().getValues("Set-Cookie")).noneMatch((cookie) -> cookie.contains("injected"));
		assertThat(response.headers().getValues("Location")).hasSizeLessThanOrEqualTo(1);
		String location = response.header("Location");
		if (location != null) {
			assertThat(location).doesNotContain("\r", "\n", "\"", "<", ">", " ", "\\", "'");
		}
	}

}
