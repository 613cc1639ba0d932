package dev.unifiedauth.authserver.token;

import java.util.List;

import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.AuthorizationRequests;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.ClientRequests;
import dev.unifiedauth.authserver.testing.DemoClients;
import dev.unifiedauth.authserver.testing.IssuedCode;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Value;

import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertBearerTokenResponse;
import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token endpoint's request syntax and client authentication (security-cases A18, A22-A24, G01, G02, G07,
 * G10): POST with a form body only, one value per parameter, exactly one client authentication method.
 */
@AuthServerTest
final class TokenRequestSyntaxTests {

	@Value("${unified-auth.issuer}")
	String issuer;

	ClientRequests backend() {
		return ClientRequests.backend(this.issuer);
	}

	@Test
	void tokenWhenPasswordGrantThenUnsupportedGrantType() {
		// A18 (OAuth 2.1 §10, RFC 9700 §2.4)
		Response response = backend().authenticated()
			.formParam("grant_type", "password")
			.formParam("username", DemoClients.ALICE_EMAIL)
			.formParam("password", DemoClients.ALICE_PASSWORD)
			.post("/oauth2/token");

		assertOAuthError(response, 400, "unsupported_grant_type");
	}

	@ParameterizedTest
	@ValueSource(strings = { "implicit", "urn:ietf:params:oauth:grant-type:device_code",
			"urn:ietf:params:oauth:grant-type:jwt-bearer", "urn:ietf:params:oauth:grant-type:saml2-bearer", "" })
	void tokenWhenGrantTypeNotSupportedThenUnsupportedGrantType(String grantType) {
		Response response = backend().authenticated().formParam("grant_type", grantType).post("/oauth2/token");

		assertOAuthError(response, 400, grantType.isEmpty() ? "invalid_request" : "unsupported_grant_type");
	}

	@ParameterizedTest
	@ValueSource(strings = { "%C0%AF", "%FF%FE", "%ED%A0%80", "abc%00def", "%00" })
	void tokenWhenParametersHoldInvalidUtf8OrNulThenOAuthErrorWithoutServerError(String encoded) {
		// G05 (RFC 8725 §3.7): bytes that are not UTF-8, overlong forms and NUL in a code or a client_id
		Response badCode = backend().authenticated()
			.urlEncodingEnabled(false)
			.contentType("application/x-www-form-urlencoded")
			.body("grant_type=authorization_code&code=" + encoded + "&redirect_uri="
					+ java.net.URLEncoder.encode(DemoClients.LOOPBACK_REDIRECT, java.nio.charset.StandardCharsets.UTF_8)
					+ "&code_verifier=" + "v".repeat(43))
			.post("/oauth2/token");
		if (encoded.contains("%00")) {
			assertOAuthError(badCode, 400, "invalid_grant"); // valid UTF-8: an unknown code
		}
		else {
			assertOAuthError(badCode, 400, "invalid_request"); // the form cannot be decoded
		}

		Response badClient = io.restassured.RestAssured.given()
			.baseUri(this.issuer)
			.urlEncodingEnabled(false)
			.contentType("application/x-www-form-urlencoded")
			.body("grant_type=client_credentials&client_id=demo-backend" + encoded + "&client_secret=x")
			.post("/oauth2/token");
		assertThat(badClient.statusCode()).as(badClient.asString()).isIn(400, 401);
		assertThat(badClient.jsonPath().getString("error")).isIn("invalid_request", "invalid_client");
		assertThat(badClient.jsonPath().getString("access_token")).isNull();
	}

	@Test
	void tokenWhenBodyIsTwoMegabytesThenRefusedWithoutServerErrorOrToken() {
		// G03 (RFC 9110 §15.5.14): the form limit (64 kB) stops the body
		Response response = backend().authenticated()
			.formParam("grant_type", "client_credentials")
			.formParam("padding", "x".repeat(2 * 1024 * 1024))
			.post("/oauth2/token");

		assertOAuthError(response, 413, "invalid_request");
	}

	@Test
	void tokenWhenAHeaderIs64KilobytesThenRefusedWithoutServerError() {
		// G03: the header limit (16 kB) answers before any filter runs; Tomcat says 400 rather than RFC 6585's 431
		Response response = backend().authenticated()
			.header("X-Padding", "x".repeat(64 * 1024))
			.formParam("grant_type", "client_credentials")
			.post("/oauth2/token");

		assertThat(response.statusCode()).isIn(400, 431);
		assertThat(response.asString()).doesNotContain("access_token").doesNotContain("Exception");
	}

	@Test
	void tokenWhenGetWithQueryParametersThenMethodNotAllowedAndNoToken() {
		// A22 (RFC 6749 §3.2)
		Response response = RestAssured.given()
			.baseUri(this.issuer)
			.redirects()
			.follow(false)
			.queryParam("grant_type", "client_credentials")
			.queryParam("client_id", DemoClients.BACKEND)
			.queryParam("client_secret", DemoClients.BACKEND_SECRET)
			.get("/oauth2/token");

		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.header("Allow")).isEqualTo("POST");
		assertThat(response.asString()).doesNotContain("access_token");
	}

	@Test
	void tokenWhenConfidentialClientSendsOnlyItsClientIdThenInvalidClient() {
		// A23 (OAuth 2.1 §3.2.4)
		Response response = AuthorizationRequests.tokenRequest(this.issuer)
			.formParam("grant_type", "client_credentials")
			.formParam("client_id", DemoClients.BACKEND)
			.post("/oauth2/token");

		assertOAuthError(response, 401, "invalid_client");
		assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
	}

	@Test
	void tokenWhenBasicAuthAndClientSecretInBodyThenInvalidRequest() {
		// A24 (RFC 6749 §2.3, OAuth 2.1 §2.4): exactly one client authentication method
		Response response = backend().authenticated()
			.formParam("grant_type", "client_credentials")
			.formParam("client_id", DemoClients.BACKEND)
			.formParam("client_secret", DemoClients.BACKEND_SECRET)
			.post("/oauth2/token");

		assertOAuthError(response, 400, "invalid_request");
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void tokenWhenClientAssertionPresentedThenInvalidClient(boolean twice) {
		// demo-backend is not registered for private_key_jwt (and client_secret_jwt is not supported), so a
		// client_assertion never authenticates it, let alone a replayed one (RFC 7523 §3; CVE-2020-5300). A29 for
		// clients that are registered for private_key_jwt: clients.PrivateKeyJwtTests
		String assertion = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJkZW1vLWJhY2tlbmQiLCJzdWIiOiJkZW1vLWJhY2tlbmQifQ.c2ln";
		Response response = null;
		for (int i = 0; i < (twice ? 2 : 1); i++) {
			response = AuthorizationRequests.tokenRequest(this.issuer)
				.formParam("grant_type", "client_credentials")
				.formParam("client_id", DemoClients.BACKEND)
				.formParam("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
				.formParam("client_assertion", assertion)
				.post("/oauth2/token");
		}

		assertOAuthError(response, 401, "invalid_client");
	}

	@Test
	void tokenWhenBodyIsJsonThenInvalidRequest() {
		// G02 (OAuth 2.1 §3.2.2)
		Response response = backend().authenticated()
			.contentType(ContentType.JSON)
			.body("{\"grant_type\":\"client_credentials\"}")
			.post("/oauth2/token");

		assertOAuthError(response, 400, "invalid_request");
	}

	@Test
	void tokenWhenBodyIsMultipartThenInvalidRequest() {
		// G02
		Response response = RestAssured.given()
			.baseUri(this.issuer)
			.auth()
			.preemptive()
			.basic(DemoClients.BACKEND, DemoClients.BACKEND_SECRET)
			.multiPart("grant_type", "client_credentials")
			.post("/oauth2/token");

		assertOAuthError(response, 400, "invalid_request");
	}

	@ParameterizedTest
	@ValueSource(strings = { "grant_type", "code", "redirect_uri", "code_verifier" })
	void tokenWhenCodeRedemptionParameterRepeatedThenInvalidRequest(String repeated) {
		// G01 (RFC 6749 §3.1), for the confidential and the public client
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL,
				DemoClients.ALICE_PASSWORD);
		IssuedCode backendCode = IssuedCode.issue(alice, DemoClients.BACKEND, "documents:read");
		IssuedCode webCode = IssuedCode.issue(alice, DemoClients.WEB, "documents:read");

		Response confidential = redemption(backendCode, repeated).auth()
			.preemptive()
			.basic(DemoClients.BACKEND, DemoClients.BACKEND_SECRET)
			.post("/oauth2/token");
		Response publicClient = redemption(webCode, repeated).formParam("client_id", DemoClients.WEB)
			.post("/oauth2/token");

		assertOAuthError(confidential, 400, "invalid_request");
		assertOAuthError(publicClient, 400, "invalid_request");
	}

	@ParameterizedTest
	@ValueSource(strings = { "grant_type", "scope", "client_id", "client_secret" })
	void tokenWhenClientCredentialsParameterRepeatedThenInvalidRequest(String repeated) {
		// G01
		var request = AuthorizationRequests.tokenRequest(this.issuer);
		List.of(new String[] { "grant_type", "client_credentials" }, new String[] { "scope", "documents:read" },
				new String[] { "client_id", DemoClients.BACKEND },
				new String[] { "client_secret", DemoClients.BACKEND_SECRET })
			.forEach((pair) -> request.formParam(pair[0],
					pair[0].equals(repeated) ? List.of(pair[1], pair[1]) : List.of(pair[1])));

		assertOAuthError(request.post("/oauth2/token"), 400, "invalid_request");
	}

	@Test
	void tokenWhenParameterInQueryAndBodyThenInvalidRequest() {
		// G01: a query parameter cannot override or join the form body
		Response response = backend().authenticated()
			.queryParam("scope", "documents:delete")
			.formParam("grant_type", "client_credentials")
			.formParam("scope", "documents:read")
			.post("/oauth2/token");

		assertOAuthError(response, 400, "invalid_request");
	}

	@Test
	void tokenWhenResourceRepeatedThenNotRefusedAsARepeatedParameter() {
		// RFC 8707 §2 allows several resource parameters; unknown to this grant, they are ignored (G08)
		Response response = backend().authenticated()
			.formParam("grant_type", "client_credentials")
			.formParam("scope", "documents:read")
			.formParam("resource", DemoClients.RESOURCE_SERVER, "http://localhost:8082")
			.formParam("unknown_extension", "x")
			.post("/oauth2/token");

		assertBearerTokenResponse(response);
	}

	@ParameterizedTest
	@ValueSource(strings = { "documents:read\"", "documents:read\\", "documents:read\u007f", "documents:\"read",
			"documents:read not:registered", "DOCUMENTS:READ" })
	void tokenWhenScopeContainsForbiddenCharactersOrIsUnknownThenInvalidScope(String scope) {
		// G07 (RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ))
		assertOAuthError(backend().clientCredentials(scope), 400, "invalid_scope");
	}

	@Test
	void tokenWhenManyWrongClientSecretsThenEachIsInvalidClientAndTheRightSecretStillWorks() {
		// G10 (OAuth 2.1 §7.7): wrong secrets are refused one by one; they do not lock the client out
		for (int i = 0; i < 100; i++) {
			Response wrong = new ClientRequests(this.issuer, DemoClients.BACKEND, "wrong-" + i)
				.clientCredentials("documents:read");
			assertOAuthError(wrong, 401, "invalid_client");
		}

		assertBearerTokenResponse(backend().clientCredentials("documents:read"));
	}

	private io.restassured.specification.RequestSpecification redemption(IssuedCode code, String repeated) {
		var request = AuthorizationRequests.tokenRequest(this.issuer);
		List.of(new String[] { "grant_type", "authorization_code" }, new String[] { "code", code.code() },
				new String[] { "redirect_uri", DemoClients.LOOPBACK_REDIRECT },
				new String[] { "code_verifier", code.pkce().verifier() })
			.forEach((pair) -> request.formParam(pair[0],
					pair[0].equals(repeated) ? List.of(pair[1], pair[1]) : List.of(pair[1])));
		return request;
	}

}
