package dev.unifiedauth.resourceserver.access;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9728 metadata of the resource server, and CORS for the demo page's calls to the API.
 */
class ProtectedResourceMetadataTests extends ResourceServerHttpTest {

	@Test
	void metadataWhenRequestedThenNamesResourceServerScopesAndRequiresDPoP() {
		Response response = given().get("/.well-known/oauth-protected-resource");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("application/json");
		assertThat(response.jsonPath().getString("resource")).isEqualTo(TestIssuer.AUDIENCE);
		assertThat(response.jsonPath().getList("authorization_servers")).containsExactly(TestIssuer.ISSUER);
		assertThat(response.jsonPath().getList("scopes_supported", String.class)).containsExactly("audit:read",
				"documents:create", "documents:delete", "documents:read", "documents:update", "payments:create",
				"payments:read", "users:delete", "users:read", "users:update");
		assertThat(response.jsonPath().getList("bearer_methods_supported")).containsExactly("header");
		assertThat(response.jsonPath().getList("dpop_signing_alg_values_supported")).containsExactly("ES256", "PS256",
				"RS256", "EdDSA");
		assertThat(response.jsonPath().getBoolean("dpop_bound_access_tokens_required")).isTrue();
		assertThat(response.jsonPath().getList("resource_signing_alg_values_supported")).containsExactly("ES256");
		assertThat(response.jsonPath().getMap("$")).doesNotContainKey("tls_client_certificate_bound_access_tokens");
	}

	@Test
	void metadataWhenTokenIsBadThenStillServed() {
		assertThat(given().header("Authorization", "Bearer nonsense").get("/.well-known/oauth-protected-resource")
			.statusCode()).isEqualTo(200);
	}

	@Test
	void apiWhenPreflightFromTheDemoOriginThenAllowedWithDPoPHeader() {
		Response response = given().header("Origin", "http://localhost:9000")
			.header("Access-Control-Request-Method", "DELETE")
			.header("Access-Control-Request-Headers", "authorization, dpop")
			.options("/api/documents/doc-1");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:9000");
		assertThat(response.header("Access-Control-Allow-Headers")).containsIgnoringCase("dpop");
	}

	@Test
	void apiWhenRefusedForTheDemoOriginThenChallengeHeadersAreExposed() {
		Response response = given().header("Origin", "http://localhost:9000").get("/api/documents");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:9000");
		assertThat(response.header("Access-Control-Expose-Headers")).contains("WWW-Authenticate").contains("DPoP-Nonce");
	}

	@Test
	void apiWhenPreflightFromAnotherOriginThenRefused() {
		Response response = given().header("Origin", "http://evil.example")
			.header("Access-Control-Request-Method", "GET")
			.options("/api/documents");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.header("Access-Control-Allow-Origin")).isNull();
	}

}
