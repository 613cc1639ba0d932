package dev.unifiedauth.resourceserver.access;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9068 §4 validation at the resource server, through its real filter chain: only an ES256 {@code at+jwt}
 * from the configured issuer, for this audience, inside its lifetime and with every required claim opens the
 * API (security cases D01-D14).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessTokenValidationTests {

	static final TestIssuer issuer = new TestIssuer();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void trustTestIssuer(DynamicPropertyRegistry registry) {
		registry.add("resource-server.jwk-set-uri", issuer::jwkSetUri);
		registry.add("resource-server.issuer", () -> TestIssuer.ISSUER);
		registry.add("resource-server.identifier", () -> TestIssuer.AUDIENCE);
	}

	@AfterAll
	static void stopIssuer() {
		issuer.close();
	}

	@Test
	void documentsWhenTokenIsValidThenOk() {
		assertThat(get(issuer.token("documents:read")).statusCode()).isEqualTo(200);
	}

	@Test
	void documentsWhenNoCredentialsThenUnauthorizedWithMetadataPointerAndNoError() {
		Response response = given().port(this.port).get("/api/documents");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer resource_metadata=")
			.doesNotContain("error=");
	}

	@Test
	void documentsWhenTypIsJwtOrMissingThenUnauthorized() {
		assertRejected(issuer.token("documents:read", (h) -> h.type(JOSEObjectType.JWT), (c) -> {
		}));
		assertRejected(issuer.token("documents:read", (h) -> h.type(null), (c) -> {
		}));
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
	void documentsWhenExpiredBeyondSkewOrNotYetValidThenUnauthorized() {
		Instant now = Instant.now();
		assertRejected(issuer.token("documents:read", (h) -> {
		}, (c) -> c.issueTime(Date.from(now.minusSeconds(900))).expirationTime(Date.from(now.minusSeconds(120)))));
		assertRejected(issuer.token("documents:read", (h) -> {
		}, (c) -> c.notBeforeTime(Date.from(now.plusSeconds(600)))));
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
		Response response = given().port(this.port)
			.header("Authorization", "Bearer " + issuer.token("documents:read"))
			.delete("/api/documents/doc-2");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"");
	}

	private Response get(String token) {
		return given().port(this.port).header("Authorization", "Bearer " + token).get("/api/documents");
	}

	private void assertRejected(String token) {
		Response response = get(token);
		assertThat(response.statusCode()).as(token).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
	}

}
