package dev.unifiedauth.authserver.token;

import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.AuthorizationRequests;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.DemoClients;
import dev.unifiedauth.authserver.testing.IssuedCode;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenID Connect UserInfo, where this server verifies its own ES256 access tokens.
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

}
