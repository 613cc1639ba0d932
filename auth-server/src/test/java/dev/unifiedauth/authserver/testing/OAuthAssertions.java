package dev.unifiedauth.authserver.testing;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assertions on the shapes of OAuth responses: JSON errors of the token, introspection and revocation endpoints
 * (RFC 6749 §5.2), successful token responses (§5.1), error redirects of the authorization endpoint (OAuth 2.1
 * §4.1.2.1, RFC 9207 §2) and the error page shown instead of a redirect.
 */
public final class OAuthAssertions {

	private static final Pattern PAGE_ERROR = Pattern.compile("id=\"oauth-error\">([^<]*)<");

	/** RFC 6749 §5.2: {@code error_description} may only use these characters. */
	public static final String SAFE_DESCRIPTION = "[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]*";

	private OAuthAssertions() {
	}

	/** A JSON OAuth error with exactly this status and code, never cacheable. */
	public static void assertOAuthError(Response response, int status, String error) {
		assertThat(response.statusCode()).as("status of %s", response.asString()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/json");
		assertThat(response.jsonPath().getString("error")).as("error of %s", response.asString()).isEqualTo(error);
		assertThat(response.jsonPath().getString("access_token")).isNull();
		String description = response.jsonPath().getString("error_description");
		if (description != null) {
			assertThat(description).matches(SAFE_DESCRIPTION);
		}
	}

	/** RFC 6749 §5.1 and RFC 9449 §5 (no proof sent): a 200 Bearer token response that is never cached. */
	public static void assertBearerTokenResponse(Response response) {
		assertThat(response.statusCode()).as("status of %s", response.asString()).isEqualTo(200);
		assertThat(response.header("Cache-Control")).contains("no-store");
		assertThat(response.jsonPath().getString("token_type")).isEqualTo("Bearer");
		assertThat(response.jsonPath().getString("access_token")).isNotBlank();
	}

	/**
	 * An error redirect to {@code redirectUri} carrying {@code error}, the request's {@code state} and
	 * {@code iss}, and no code.
	 */
	public static Map<String, String> assertErrorRedirect(Response response, String redirectUri, String error,
			String state, String issuer) {
		assertThat(response.statusCode()).as("status of %s", response.asString()).isEqualTo(302);
		String location = response.header("Location");
		assertThat(location).startsWith(redirectUri + "?");
		Map<String, String> parameters = BrowserSession.query(location);
		assertThat(parameters).containsEntry("error", error)
			.containsEntry("state", state)
			.containsEntry("iss", issuer)
			.doesNotContainKeys("code", "access_token");
		if (parameters.containsKey("error_description")) {
			assertThat(parameters.get("error_description")).matches(SAFE_DESCRIPTION);
		}
		return parameters;
	}

	/** The HTML error page, status 400, without any redirect (OAuth 2.1 §4.1.2.1). */
	public static void assertErrorPage(Response response, String error) {
		assertThat(response.statusCode()).as("status of %s", response.asString()).isEqualTo(400);
		assertThat(response.header("Location")).isNull();
		assertThat(response.contentType()).startsWith("text/html");
		Matcher matcher = PAGE_ERROR.matcher(response.asString());
		assertThat(matcher.find()).as("error code on the page %s", response.asString()).isTrue();
		assertThat(matcher.group(1)).isEqualTo(error);
	}

}
