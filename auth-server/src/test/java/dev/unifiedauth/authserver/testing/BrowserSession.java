package dev.unifiedauth.authserver.testing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.filter.cookie.CookieFilter;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import org.springframework.web.util.UriComponentsBuilder;

import static io.restassured.RestAssured.given;

/**
 * A browser as the server sees it: a cookie jar, {@code Accept: text/html}, no automatic redirects, forms
 * submitted with the CSRF token of the page they came from. Drives the login form and the consent page over
 * HTTP; the browser tests drive the same pages with Chromium.
 */
public final class BrowserSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern STATE = Pattern.compile("name=\"state\" value=\"([^\"]+)\"");

	private static final Pattern SCOPE = Pattern.compile("name=\"scope\" value=\"([^\"]+)\"");

	private final String baseUrl;

	private final CookieFilter cookies = new CookieFilter();

	public BrowserSession(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public static BrowserSession loggedIn(String baseUrl, String email, String password) {
		BrowserSession session = new BrowserSession(baseUrl);
		Response response = session.login(email, password);
		if (response.statusCode() != 302 || response.header("Location").contains("error")) {
			throw new IllegalStateException("Login failed: " + response.statusCode() + " " + response.header("Location"));
		}
		return session;
	}

	public RequestSpecification request() {
		return given().baseUri(this.baseUrl).filter(this.cookies).redirects().follow(false).accept(ContentType.HTML);
	}

	public Response login(String email, String password) {
		String page = request().get("/login").asString();
		return request().contentType(ContentType.URLENC)
			.formParam("email", email)
			.formParam("password", password)
			.formParam("_csrf", csrfOf(page))
			.post("/login");
	}

	public Response authorize(Map<String, String> parameters) {
		RequestSpecification request = request();
		parameters.forEach(request::queryParam);
		return request.get("/oauth2/authorize");
	}

	/** Opens the consent page the authorization endpoint redirected to. */
	public ConsentPage consentPage(Response authorizeResponse) {
		String location = authorizeResponse.header("Location");
		if (authorizeResponse.statusCode() != 302 || location == null || !location.contains("/oauth2/consent")) {
			throw new IllegalStateException("Expected a redirect to the consent page, got "
					+ authorizeResponse.statusCode() + " " + location);
		}
		URI uri = URI.create(location);
		String html = request().urlEncodingEnabled(false).get(uri.getRawPath() + "?" + uri.getRawQuery()).asString();
		List<String> scopes = new ArrayList<>();
		Matcher matcher = SCOPE.matcher(html);
		while (matcher.find()) {
			scopes.add(matcher.group(1));
		}
		return new ConsentPage(html, find(STATE, html), csrfOf(html), scopes);
	}

	/** Approves every scope the consent page offers; returns the authorization response (a redirect). */
	public Response approve(ConsentPage page, String clientId) {
		return submitConsent(page, clientId, page.scopes(), page.csrf());
	}

	public Response submitConsent(ConsentPage page, String clientId, List<String> scopes, String csrf) {
		RequestSpecification request = request().contentType(ContentType.URLENC)
			.formParam("client_id", clientId)
			.formParam("state", page.state());
		if (csrf != null) {
			request.formParam("_csrf", csrf);
		}
		for (String scope : scopes) {
			request.formParam("scope", scope);
		}
		return request.post("/oauth2/authorize");
	}

	/** Logs in if needed is the caller's job; runs authorize + consent and returns the final redirect. */
	public Response authorizeAndApprove(Map<String, String> parameters) {
		Response response = authorize(parameters);
		String location = response.header("Location");
		if (response.statusCode() == 302 && location != null && location.contains("/oauth2/consent")) {
			return approve(consentPage(response), parameters.get("client_id"));
		}
		return response;
	}

	public static String csrfOf(String html) {
		return find(CSRF, html);
	}

	/**
	 * A masked CSRF token with the high bit of its last byte flipped: it still decodes, but unmasks to bytes that
	 * are not UTF-8 (the session token is ASCII).
	 */
	public static String tamperedCsrf(String csrf) {
		byte[] bytes = java.util.Base64.getUrlDecoder().decode(csrf);
		bytes[bytes.length - 1] ^= (byte) 0x80;
		return java.util.Base64.getUrlEncoder().encodeToString(bytes);
	}

	private static String find(Pattern pattern, String html) {
		Matcher matcher = pattern.matcher(html);
		if (!matcher.find()) {
			throw new IllegalStateException("Pattern " + pattern + " not found in page:\n" + html);
		}
		return matcher.group(1);
	}

	/** Query parameters of a redirect location, decoded. */
	public static Map<String, String> query(String location) {
		Map<String, String> result = new LinkedHashMap<>();
		UriComponentsBuilder.fromUriString(location)
			.build()
			.getQueryParams()
			.forEach((name, values) -> result.put(name,
					java.net.URLDecoder.decode(values.get(0), StandardCharsets.UTF_8)));
		return result;
	}

	/**
	 * The consent page as parsed.
	 *
	 * @param html the page
	 * @param state the consent state
	 * @param csrf the CSRF token of the page
	 * @param scopes the scopes offered for approval
	 */
	public record ConsentPage(String html, String state, String csrf, List<String> scopes) {
	}

}
