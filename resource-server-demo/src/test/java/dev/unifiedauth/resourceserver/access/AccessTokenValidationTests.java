package dev.unifiedauth.resourceserver.access;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9068 §4 validation at the resource server, through its real filter chain: only an ES256 {@code at+jwt}
 * from the configured issuer, for this audience, inside its lifetime and with every required claim opens the
 * API (security cases D01-D15). The tier cases D16-D19 are in {@link TierEnforcementTests}.
 */
class AccessTokenValidationTests extends ResourceServerHttpTest {

	@Test
	void documentsWhenTokenIsValidThenOk() {
		assertThat(get(issuer.token("documents:read")).statusCode()).isEqualTo(200);
	}

	@Test
	void documentsWhenNoCredentialsThenUnauthorizedWithMetadataPointerAndNoError() {
		Response response = given().get("/api/documents");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer resource_metadata=")
			.doesNotContain("error=");
	}

	@Test
	void documentsWhenNoCredentialsThenBothSchemesAreOfferedWithAlgorithmsAndMetadata() {
		String metadata = "resource_metadata=\"" + TestIssuer.AUDIENCE + "/.well-known/oauth-protected-resource\"";
		for (Response response : List.of(given().get("/api/documents"),
				given().header("Authorization", "Basic YWxpY2U6cHc=").get("/api/documents"))) {
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.header("WWW-Authenticate")).isEqualTo(
					"Bearer " + metadata + ", DPoP algs=\"ES256 PS256 RS256 EdDSA\", " + metadata); // RFC 9449 §7.2
			assertThat(response.asString()).isEmpty();
		}
	}

	@Test
	void documentsWhenAuthorizationHeaderHasNoTokenThenInvalidRequest() {
		Response response = given().header("Authorization", "Bearer").get("/api/documents");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.jsonPath().getString("error")).isEqualTo("invalid_request");
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_request\"");
	}

	@Test
	void documentsWhenTokenHasCharactersOutsideToken68ThenUnauthorized() {
		assertRejected("eyJ\"x\".a.b");
		assertRejected(issuer.token("documents:read") + ",x");
	}

	@Test
	void documentsWhenTypIsJwtOrMissingThenUnauthorized() {
		assertRejected(issuer.token("documents:read", (h) -> h.type(JOSEObjectType.JWT), (c) -> {
		}));
		assertRejected(issuer.token("documents:read", (h) -> h.type(null), (c) -> {
		}));
	}

	@Test
	void documentsWhenTokenIsADPoPProofOrLogoutTokenThenUnauthorized() {
		assertRejected(issuer.token("documents:read", (h) -> h.type(new JOSEObjectType("dpop+jwt")), (c) -> {
		}));
		assertRejected(issuer.token("documents:read", (h) -> h.type(new JOSEObjectType("logout+jwt")),
				(c) -> c.claim("events", Map.of("http://schemas.openid.net/event/backchannel-logout",
						Map.of()))));
		assertRejected(issuer.token("documents:read", (h) -> h.type(JOSEObjectType.JWT),
				(c) -> c.audience("demo-web").claim("nonce", "n-0S6_WzA2Mj"))); // an ID token
	}

	@Test
	void documentsWhenIssuerWrongOrMissingThenUnauthorized() {
		assertRejected(issuer.token("documents:read", (h) -> {
		}, (c) -> c.issuer("http://localhost:9999")));
		assertRejected(issuer.token("documents:read", (h) -> {
		}, (c) -> c.issuer(null)));
	}

	@Test
	void documentsWhenAudienceOtherMissingOrWithoutThisServerThenUnauthorized() {
		assertRejected(issuer.token("documents:read", (h) -> {
		}, (c) -> c.audience("http://localhost:8082")));
		assertRejected(issuer.token("documents:read", (h) -> {
		}, (c) -> c.audience((String) null)));
		assertRejected(issuer.token("documents:read", (h) -> {
		}, (c) -> c.audience(List.of("https://a.example", "https://b.example"))));
	}

	@Test
	void documentsWhenAudienceListContainsThisServerThenOk() {
		String token = issuer.token("documents:read", (h) -> {
		}, (c) -> c.audience(List.of("https://other.example", TestIssuer.AUDIENCE)));
		assertThat(get(token).statusCode()).isEqualTo(200);
	}

	@Test
	void documentsWhenExpiredOrNotYetValidWithinTheSkewThenOk() {
		// H09: 30 s of clock difference stays inside the 60 s tolerance either way
		Instant now = Instant.now();
		assertThat(get(issuer.token("documents:read", (h) -> {
		}, (c) -> c.issueTime(Date.from(now.minusSeconds(330))).expirationTime(Date.from(now.minusSeconds(30)))))
			.statusCode()).isEqualTo(200);
		assertThat(get(issuer.token("documents:read", (h) -> {
		}, (c) -> c.notBeforeTime(Date.from(now.plusSeconds(30))))).statusCode()).isEqualTo(200);
	}

	@Test
	void documentsWhenExpiredBeyondSkewOrNotYetValidThenUnauthorized() {
		Instant now = Instant.now();
		assertRejected(issuer.token("documents:read", (h) -> {
		}, (c) -> c.issueTime(Date.from(now.minusSeconds(900))).expirationTime(Date.from(now.minusSeconds(120)))));
		assertRejected(issuer.token("documents:read", (h) -> {
		}, (c) -> c.notBeforeTime(Date.from(now.plusSeconds(600)))));
	}

	@Test
	void documentsWhenDatesAreNotNumericDatesThenUnauthorized() {
		String header = "{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"test-key\"}";
		long now = Instant.now().getEpochSecond();
		String base = issuer.payloadJson("documents:read", "");
		assertThat(get(issuer.signRaw(header, base)).statusCode()).isEqualTo(200); // the raw token works as is
		String withoutExp = base.replaceFirst(",\"exp\":\\d+", "");
		assertRejected(issuer.signRaw(header, withoutExp.replace("}", ",\"exp\":\"" + (now + 300) + "\"}")));
		assertRejected(issuer.signRaw(header, withoutExp.replace("}", ",\"exp\":1e308}")));
		assertRejected(issuer.signRaw(header, withoutExp.replace("}", ",\"exp\":-1}")));
		String withoutIat = base.replaceFirst(",\"iat\":\\d+", "");
		assertRejected(issuer.signRaw(header, withoutIat.replace("}", ",\"iat\":9223372036854775808}")));
	}

	@Test
	void documentsWhenHeaderHasUnknownCriticalParameterOrDuplicateMembersThenUnauthorized() {
		String payload = issuer.payloadJson("documents:read", "");
		assertRejected(issuer.signRaw(
				"{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"test-key\",\"crit\":[\"x\"],\"x\":1}", payload));
		assertRejected(issuer.signRaw("{\"alg\":\"ES256\",\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"test-key\"}",
				payload));
		assertRejected(issuer.signRaw("{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"test-key\"}",
				issuer.payloadJson("documents:read", ",\"scope\":\"documents:read documents:delete\"")));
	}

	@Test
	void documentsWhenASegmentIsPaddedOrUsesTheBase64AlphabetThenUnauthorized() {
		String token = issuer.token("documents:read");
		String[] parts = token.split("\\.");
		assertRejected(parts[0] + "=." + parts[1] + "." + parts[2]);
		assertRejected(parts[0] + "." + parts[1] + "." + parts[2] + "==");
		String signature = parts[2].replace('-', '+').replace('_', '/');
		String other = parts[2].equals(signature) ? null : parts[0] + "." + parts[1] + "." + signature;
		for (int i = 0; other == null && i < 20; i++) { // a signature with '-' or '_' to swap for '+' or '/'
			String[] again = issuer.token("documents:read").split("\\.");
			String swapped = again[2].replace('-', '+').replace('_', '/');
			other = again[2].equals(swapped) ? null : again[0] + "." + again[1] + "." + swapped;
		}
		assertThat(other).isNotNull();
		assertRejected(other);
	}

	@Test
	void documentsWhenSignedRs256UnderTheEs256KeyIdThenUnauthorized() throws Exception {
		RSAKey rsa = new RSAKeyGenerator(2048).keyID("test-key").generate();
		SignedJWT forged = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt")).keyID("test-key").build(),
				SignedJWT.parse(issuer.token("documents:read")).getJWTClaimsSet());
		forged.sign(new RSASSASigner(rsa));
		assertRejected(forged.serialize());
	}

	@Test
	void documentsWhenSignedByAKeyTheJwksNoLongerPublishesThenUnauthorized() throws Exception {
		// H10 (RFC 8725 §3.1): a retired kid is a key this server cannot verify with, whatever else the token says
		ECKey retired = new ECKeyGenerator(Curve.P_256).keyID("retired-key").generate();
		SignedJWT token = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt")).keyID("retired-key").build(),
				SignedJWT.parse(issuer.token("documents:read")).getJWTClaimsSet());
		token.sign(new ECDSASigner(retired));
		assertRejected(token.serialize());
	}

	@Test
	void documentsWhenClaimsAreNotValidUtf8OrHoldControlCharactersThenUnauthorized() {
		// G05 (RFC 8725 §3.7, RFC 8259 §8.1): the payload is UTF-8 JSON or the token is refused
		String header = "{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"test-key\"}";
		String payload = issuer.payloadJson("documents:read", ",\"x\":\"MARK\"");
		for (byte[] invalid : new byte[][] { { (byte) 0xC0, (byte) 0xAF }, { (byte) 0xFF }, { (byte) 0xED, (byte) 0xA0, (byte) 0x80 } }) {
			String[] parts = payload.split("MARK");
			byte[] head = parts[0].getBytes(StandardCharsets.UTF_8);
			byte[] tail = parts[1].getBytes(StandardCharsets.UTF_8);
			byte[] bytes = new byte[head.length + invalid.length + tail.length];
			System.arraycopy(head, 0, bytes, 0, head.length);
			System.arraycopy(invalid, 0, bytes, head.length, invalid.length);
			System.arraycopy(tail, 0, bytes, head.length + invalid.length, tail.length);
			assertRejected(issuer.signRaw(header, bytes));
		}
		assertRejected(issuer.signRaw(header, issuer.payloadJson("documents:read", "").replace("usr-alice-001", "usr-alice-001\\u0000")));
		assertRejected(issuer.signRaw(header, issuer.payloadJson("documents:read", "").replace("usr-alice-001", "usr-alice-001\\u0085")));
		assertRejected(issuer.signRaw(header, issuer.payloadJson("documents:read", "").replace("usr-alice-001", "usr-alice-001\\u2028")));
		assertThat(get(issuer.agent("documents:read", "scheduling-agent-001", "analysis-agent-002").mint())
			.statusCode()).as("the same chain without the NUL").isEqualTo(200);
		assertRejected(issuer.agent("documents:read", "scheduling\u0000agent", "analysis-agent-002").mint());
	}

	@Test
	void documentsWhenARequiredClaimIsMissingThenUnauthorized() {
		assertRejected(issuer.token("documents:read", (h) -> {
		}, (c) -> c.subject(null)));
		assertRejected(issuer.token("documents:read", (h) -> {
		}, (c) -> c.claim("client_id", null)));
		assertRejected(issuer.token("documents:read", (h) -> {
		}, (c) -> c.jwtID(null)));
		assertRejected(issuer.token("documents:read", (h) -> {
		}, (c) -> c.issueTime(null)));
	}

	@Test
	void documentsWhenSignatureStrippedOrAlgNoneThenUnauthorized() {
		String[] parts = issuer.token("documents:read").split("\\.");
		assertRejected(parts[0] + "." + parts[1] + ".");
		String none = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8));
		assertRejected(none + "." + parts[1] + ".");
	}

	@Test
	void documentsWhenHs256SignedWithThePublicKeyThenUnauthorized() throws Exception {
		byte[] secret = issuer.key().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
		SignedJWT forged = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt")).keyID("test-key").build(),
				JWTClaimsSet.parse(SignedJWT.parse(issuer.token("documents:read")).getJWTClaimsSet().toJSONObject()));
		forged.sign(new MACSigner(secret));
		assertRejected(forged.serialize());
	}

	@Test
	void documentsWhenEs256SignatureIsAllZeroesThenUnauthorized() {
		String[] parts = issuer.token("documents:read").split("\\.");
		String zeroes = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[64]);
		assertRejected(parts[0] + "." + parts[1] + "." + zeroes); // CVE-2022-21449
	}

	@Test
	void documentsWhenScopeLacksTheOperationThenForbiddenWithInsufficientScope() {
		Response response = given()
			.header("Authorization", "Bearer " + issuer.token("documents:read"))
			.delete("/api/documents/doc-2");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer error=\"insufficient_scope\"")
			.contains("scope=\"documents:delete\"");
		assertThat(response.jsonPath().getString("error")).isEqualTo("insufficient_scope");
		assertThat(response.jsonPath().getString("reason")).isEqualTo("scope_missing");
		assertThat(response.jsonPath().getString("scope")).isEqualTo("documents:delete");
	}

	@Test
	void documentsWhenHumanRoleDoesNotGrantTheScopeThenInsufficientScope() {
		String bob = issuer.token("documents:read documents:update", (h) -> {
		}, (c) -> c.subject("usr-bob-002").claim("roles", List.of("viewer")));
		Response response = bearer(bob).contentType("application/json")
			.body("{\"title\":\"Quarterly plan\"}")
			.put("/api/documents/doc-1");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.jsonPath().getString("reason")).isEqualTo("scope_missing");
	}

	private Response get(String token) {
		return bearer(token).get("/api/documents");
	}

	private void assertRejected(String token) {
		Response response = get(token);
		assertThat(response.statusCode()).as(token).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
		assertThat(response.jsonPath().getString("error")).isEqualTo("invalid_token");
	}

}
