package dev.unifiedauth.authserver.testing;

import java.util.LinkedHashMap;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/**
 * Builds authorization requests and the token requests that redeem their codes.
 */
public final class AuthorizationRequests {

	private AuthorizationRequests() {
	}

	/** A valid authorization request with PKCE S256 for {@code clientId}, redirecting to the loopback URI. */
	public static Map<String, String> codeRequest(String clientId, String scope, Pkce pkce) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("response_type", "code");
		parameters.put("client_id", clientId);
		parameters.put("redirect_uri", DemoClients.LOOPBACK_REDIRECT);
		parameters.put("scope", scope);
		parameters.put("state", "st-" + Pkce.generate().verifier().substring(0, 12));
		parameters.put("code_challenge", pkce.challenge());
		parameters.put("code_challenge_method", "S256");
		return parameters;
	}

	public static RequestSpecification tokenRequest(String baseUrl) {
		return given().baseUri(baseUrl).contentType(ContentType.URLENC).redirects().follow(false);
	}

	/** Redeems a code as the public demo client. */
	public static Response redeemAsPublicClient(String baseUrl, String code, String verifier) {
		return tokenRequest(baseUrl).formParam("grant_type", "authorization_code")
			.formParam("code", code)
			.formParam("redirect_uri", DemoClients.LOOPBACK_REDIRECT)
			.formParam("client_id", DemoClients.WEB)
			.formParam("code_verifier", verifier)
			.post("/oauth2/token");
	}

	/** Redeems a code as the confidential demo client (HTTP Basic). */
	public static Response redeemAsBackend(String baseUrl, String code, String verifier) {
		return tokenRequest(baseUrl).auth()
			.preemptive()
			.basic(DemoClients.BACKEND, DemoClients.BACKEND_SECRET)
			.formParam("grant_type", "authorization_code")
			.formParam("code", code)
			.formParam("redirect_uri", DemoClients.LOOPBACK_REDIRECT)
			.formParam("code_verifier", verifier)
			.post("/oauth2/token");
	}

	public static Response refresh(String baseUrl, String refreshToken) {
		return tokenRequest(baseUrl).auth()
			.preemptive()
			.basic(DemoClients.BACKEND, DemoClients.BACKEND_SECRET)
			.formParam("grant_type", "refresh_token")
			.formParam("refresh_token", refreshToken)
			.post("/oauth2/token");
	}

}
