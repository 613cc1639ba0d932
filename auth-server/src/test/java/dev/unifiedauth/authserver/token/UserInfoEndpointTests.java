package dev.unifiedauth.authserver.token;

import java.util.Map;

import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.AuthorizationRequests;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.DemoClients;
import dev.unifiedauth.authserver.testing.IssuedCode;
import dev.unifiedauth.authserver.testing.Jwts;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenID Connect ID tokens and UserInfo, where this server verifies its own ES256 access tokens.
 */
@AuthServerTest
class UserInfoEndpointTests {

	@Value("${unified-auth.issuer}")
	String issuer;

	@Test
	void userInfoWhenAccessTokenFromCodeFlowThenAnswersForTheHuman() {
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
		IssuedCode code = IssuedCode.issue(alice, DemoClients.WEB, "openid documents:read");
		String accessToken = AuthorizationRequests.redeemAsPublicClient(this.issuer, code.code(), code.pkce().verifier())
			.jsonPath()
			.getString("access_token");

		Response userInfo = given().baseUri(this.issuer).auth().oauth2(accessToken).get("/userinfo");

		assertThat(userInfo.statusCode()).as(userInfo.header("WWW-Authenticate")).isEqualTo(200);
		assertThat(userInfo.jsonPath().getString("sub")).isEqualTo(DemoClients.ALICE_ID);
	}

	@Test
	void idTokenWhenProfileAndEmailAskedThenItAndUserInfoNameTheHuman() {
		// OpenID Connect Core §5.4: the profile and email scopes ask for these standard claims
		JsonPath tokens = tokens("openid profile email documents:read");

		Map<String, Object> idToken = Jwts.claims(tokens.getString("id_token"));
		assertThat(idToken).containsEntry("sub", DemoClients.ALICE_ID)
			.containsEntry("email", DemoClients.ALICE_EMAIL)
			.containsEntry("email_verified", false)
			.containsKey("name");
		Response userInfo = given().baseUri(this.issuer).auth().oauth2(tokens.getString("access_token")).get("/userinfo");
		assertThat(userInfo.jsonPath().getString("email")).isEqualTo(DemoClients.ALICE_EMAIL);
		assertThat(userInfo.jsonPath().getString("name")).isEqualTo(idToken.get("name"));
	}

	@Test
	void idTokenWhenOnlyOpenidAskedThenNoProfileOrEmailClaims() {
		Map<String, Object> idToken = Jwts.claims(tokens("openid documents:read").getString("id_token"));

		assertThat(idToken).containsEntry("sub", DemoClients.ALICE_ID).doesNotContainKeys("email", "name");
	}

	private JsonPath tokens(String scope) {
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
		IssuedCode code = IssuedCode.issue(alice, DemoClients.WEB, scope);
		Response response = AuthorizationRequests.redeemAsPublicClient(this.issuer, code.code(), code.pkce().verifier());
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		return response.jsonPath();
	}

}
