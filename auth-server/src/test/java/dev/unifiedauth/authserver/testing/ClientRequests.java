package dev.unifiedauth.authserver.testing;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests a confidential client makes with HTTP Basic authentication: client credentials, refresh,
 * introspection (RFC 7662) and revocation (RFC 7009); and the one-call "log in, approve, redeem" grant.
 *
 * @param baseUrl the server
 * @param clientId the client
 * @param secret its secret
 */
public record ClientRequests(String baseUrl, String clientId, String secret) {

	public static ClientRequests backend(String baseUrl) {
		return new ClientRequests(baseUrl, DemoClients.BACKEND, DemoClients.BACKEND_SECRET);
	}

	public RequestSpecification authenticated() {
		return AuthorizationRequests.tokenRequest(this.baseUrl).auth().preemptive().basic(this.clientId, this.secret);
	}

	public Response clientCredentials(String scope) {
		RequestSpecification request = authenticated().formParam("grant_type", "client_credentials");
		if (scope != null) {
			request.formParam("scope", scope);
		}
		return request.post("/oauth2/token");
	}

	public Response refresh(String refreshToken) {
		return authenticated().formParam("grant_type", "refresh_token")
			.formParam("refresh_token", refreshToken)
			.post("/oauth2/token");
	}

	public Response introspect(String token) {
		return authenticated().formParam("token", token).post("/oauth2/introspect");
	}

	public boolean isActive(String token) {
		Response response = introspect(token);
		assertThat(response.statusCode()).as("introspection: %s", response.asString()).isEqualTo(200);
		return response.jsonPath().getBoolean("active");
	}

	public Response revoke(String token, String tokenTypeHint) {
		RequestSpecification request = authenticated().formParam("token", token);
		if (tokenTypeHint != null) {
			request.formParam("token_type_hint", tokenTypeHint);
		}
		return request.post("/oauth2/revoke");
	}

	/** Redeems a code as this client (HTTP Basic) with the loopback redirect URI. */
	public Response redeem(String code, String verifier) {
		return authenticated().formParam("grant_type", "authorization_code")
			.formParam("code", code)
			.formParam("redirect_uri", DemoClients.LOOPBACK_REDIRECT)
			.formParam("code_verifier", verifier)
			.post("/oauth2/token");
	}

	/** Authorizes this client in {@code session} (approving consent) and redeems the code; the token response. */
	public JsonPath authorizationCodeGrant(BrowserSession session, String scope) {
		IssuedCode code = IssuedCode.issue(session, this.clientId, scope);
		Response response = redeem(code.code(), code.pkce().verifier());
		OAuthAssertions.assertBearerTokenResponse(response);
		return response.jsonPath();
	}

}
