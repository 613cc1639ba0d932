package dev.unifiedauth.authserver.token;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The human half end to end over HTTP: login, consent, code, token; what the token says.
 */
@AuthServerTest
class AuthorizationCodeFlowTests {

	@Value("${unified-auth.issuer}")
	String issuer;

	@Test
	void codeFlowWhenAliceApprovesThenAccessTokenIsRfc9068JwtSignedWithPublishedKey() throws Exception {
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
		IssuedCode code = IssuedCode.issue(alice, DemoClients.WEB, "openid documents:read documents:update");

		assertThat(code.redirectParameters()).containsEntry("iss", this.issuer); // RFC 9207
		Response token = AuthorizationRequests.redeemAsPublicClient(this.issuer, code.code(), code.pkce().verifier());

		assertThat(token.statusCode()).isEqualTo(200);
		assertThat(token.header("Cache-Control")).contains("no-store");
		JsonPath body = token.jsonPath();
		assertThat(body.getString("token_type")).isEqualTo("Bearer");
		assertThat(body.getString("refresh_token")).as("no refresh token for a public client").isNull();
		String accessToken = body.getString("access_token");
		Map<String, Object> header = Jwts.header(accessToken);
		assertThat(header).containsEntry("typ", "at+jwt").containsEntry("alg", "ES256").containsKey("kid");
		Map<String, Object> claims = Jwts.claims(accessToken);
		assertThat(claims).containsEntry("iss", this.issuer)
			.containsEntry("sub", DemoClients.ALICE_ID)
			.containsEntry("client_id", DemoClients.WEB)
			.containsEntry("scope", "documents:read documents:update openid")
			.containsKeys("iat", "exp", "jti");
		assertThat(audience(claims)).containsExactly(DemoClients.RESOURCE_SERVER);
		assertThat(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue()).isEqualTo(900);

		JWKSet jwks = JWKSet.load(URI.create(this.issuer + "/oauth2/jwks").toURL());
		ECKey key = (ECKey) jwks.getKeyByKeyId((String) header.get("kid"));
		assertThat(key).isNotNull();
		assertThat(key.isPrivate()).isFalse();
		assertThat(Jwts.parse(accessToken).verify(new ECDSAVerifier(key))).isTrue();
	}

	@Test
	void codeFlowWhenClientAsksForMoreThanTheRoleGrantsThenTokenCarriesOnlyTheIntersection() {
		BrowserSession bob = BrowserSession.loggedIn(this.issuer, DemoClients.BOB_EMAIL, DemoClients.BOB_PASSWORD);
		IssuedCode code = IssuedCode.issue(bob, DemoClients.WEB, "documents:read documents:delete users:delete");

		Response token = AuthorizationRequests.redeemAsPublicClient(this.issuer, code.code(), code.pkce().verifier());

		assertThat(token.statusCode()).isEqualTo(200);
		assertThat(token.jsonPath().getString("scope")).isEqualTo("documents:read");
		assertThat(Jwts.claims(token.jsonPath().getString("access_token"))).containsEntry("scope", "documents:read")
			.containsEntry("sub", DemoClients.BOB_ID);
	}

	@SuppressWarnings("unchecked")
	static List<String> audience(Map<String, Object> claims) {
		Object aud = claims.get("aud");
		return (aud instanceof List<?> list) ? (List<String>) list : List.of((String) aud);
	}

}
