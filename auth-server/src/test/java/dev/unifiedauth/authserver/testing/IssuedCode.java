package dev.unifiedauth.authserver.testing;

import java.util.Map;

import io.restassured.response.Response;

/**
 * An authorization code obtained through login and consent, with the PKCE verifier that redeems it.
 *
 * @param code the code
 * @param pkce the verifier and challenge used
 * @param redirectParameters every parameter of the authorization response
 */
public record IssuedCode(String code, Pkce pkce, Map<String, String> redirectParameters) {

	/** Runs authorize + consent in {@code session} and returns the issued code. */
	public static IssuedCode issue(BrowserSession session, String clientId, String scope) {
		Pkce pkce = Pkce.generate();
		Response response = session.authorizeAndApprove(AuthorizationRequests.codeRequest(clientId, scope, pkce));
		if (response.statusCode() != 302) {
			throw new IllegalStateException(
					"Expected a redirect with a code, got " + response.statusCode() + ": " + response.asString());
		}
		Map<String, String> parameters = BrowserSession.query(response.header("Location"));
		if (!parameters.containsKey("code")) {
			throw new IllegalStateException("No code in " + response.header("Location"));
		}
		return new IssuedCode(parameters.get("code"), pkce, parameters);
	}

}
