package dev.unifiedauth.authserver.metadata;

import java.util.List;
import java.util.Map;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import dev.unifiedauth.authserver.testing.AuthServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The discovery documents (RFC 8414, OpenID Connect Discovery 1.0) state exactly what the server does, every
 * endpoint they name answers, and the JWKS publishes only public ES256 keys.
 */
@AuthServerTest
final class DiscoveryTests {

	@Value("${unified-auth.issuer}")
	String issuer;

	JsonPath document(String path) {
		Response response = RestAssured.given().baseUri(this.issuer).get(path);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("application/json");
		return response.jsonPath();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/.well-known/oauth-authorization-server", "/.well-known/openid-configuration" })
	void discoveryWhenFetchedThenStatesExactlyTheOAuth21Profile(String path) {
		JsonPath metadata = document(path);

		assertThat(metadata.getString("issuer")).isEqualTo(this.issuer);
		assertThat(metadata.getList("code_challenge_methods_supported")).containsExactly("S256");
		assertThat(metadata.getList("grant_types_supported", String.class))
			.containsExactlyInAnyOrder("authorization_code", "refresh_token", "client_credentials",
					"urn:ietf:params:oauth:grant-type:token-exchange")
			.doesNotContain("implicit", "password");
		assertThat(metadata.getList("response_types_supported")).containsExactly("code");
		assertThat(metadata.getString("token_endpoint")).isEqualTo(this.issuer + "/oauth2/token");
		assertThat(metadata.getString("introspection_endpoint")).isEqualTo(this.issuer + "/oauth2/introspect");
		assertThat(metadata.getString("revocation_endpoint")).isEqualTo(this.issuer + "/oauth2/revoke");
		assertThat(metadata.getString("authorization_endpoint")).isEqualTo(this.issuer + "/oauth2/authorize");
		assertThat(metadata.getString("registration_endpoint")).isEqualTo(this.issuer + "/oauth2/register");
		assertThat(metadata.getBoolean("authorization_response_iss_parameter_supported")).isTrue();
		assertThat(metadata.getMap("$")).doesNotContainKey("tls_client_certificate_bound_access_tokens");
		// mutual TLS and client_secret_jwt are switched off; private_key_jwt takes keys registered inline
		assertThat(metadata.getList("token_endpoint_auth_methods_supported", String.class))
			.containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "private_key_jwt", "none");
		for (String endpoint : List.of("introspection", "revocation")) {
			assertThat(metadata.getList(endpoint + "_endpoint_auth_methods_supported", String.class))
				.containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "private_key_jwt");
		}
		for (String endpoint : List.of("token", "introspection", "revocation")) {
			assertThat(metadata.getList(endpoint + "_endpoint_auth_signing_alg_values_supported", String.class))
				.containsExactlyInAnyOrder("RS256", "PS256", "ES256", "EdDSA");
		}
	}

	@Test
	void discoveryWhenBothDocumentsFetchedThenTheyAgreeOnEveryOAuthField() {
		Map<String, Object> oauth = document("/.well-known/oauth-authorization-server").getMap("$");
		Map<String, Object> oidc = document("/.well-known/openid-configuration").getMap("$");

		oauth.forEach((name, value) -> assertThat(oidc.get(name)).as(name).isEqualTo(value));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/.well-known/oauth-authorization-server", "/.well-known/openid-configuration" })
	void discoveryWhenEndpointsListedThenEachOneAnswers(String path) {
		Map<String, Object> metadata = document(path).getMap("$");
		List<String> endpoints = metadata.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().endsWith("_endpoint") || entry.getKey().endsWith("_uri"))
			.map((entry) -> (String) entry.getValue())
			.toList();
		assertThat(endpoints).contains(this.issuer + "/oauth2/authorize", this.issuer + "/oauth2/token",
				this.issuer + "/oauth2/introspect", this.issuer + "/oauth2/revoke", this.issuer + "/oauth2/jwks",
				this.issuer + "/oauth2/register");

		for (String endpoint : endpoints) {
			assertThat(endpoint).startsWith(this.issuer + "/");
			int get = RestAssured.given().redirects().follow(false).get(endpoint).statusCode();
			int post = RestAssured.given().redirects().follow(false).post(endpoint).statusCode();
			assertThat(get).as("GET %s", endpoint).isNotEqualTo(404).isLessThan(500);
			assertThat(post).as("POST %s", endpoint).isNotEqualTo(404).isLessThan(500);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/.well-known/oauth-authorization-server", "/.well-known/openid-configuration" })
	void discoveryWhenFetchedThenDPoPAlgorithmsAreExactlyTheAcceptedOnes(String path) {
		// RFC 9449 §5.1: the token endpoint verifies exactly these (unified-auth.dpop.algorithms)
		assertThat(document(path).getList("dpop_signing_alg_values_supported", String.class))
			.containsExactly("ES256", "PS256", "RS256", "EdDSA");
	}

	@Test
	void jwksWhenFetchedThenOnlyPublicEs256KeysWithKeyIds() {
		List<Map<String, Object>> keys = document("/oauth2/jwks").getList("keys");

		assertThat(keys).isNotEmpty();
		for (Map<String, Object> key : keys) {
			assertThat(key).containsEntry("kty", "EC")
				.containsEntry("crv", "P-256")
				.containsEntry("alg", "ES256")
				.containsKeys("kid", "x", "y")
				.doesNotContainKeys("d", "p", "q", "dp", "dq", "qi", "k");
			assertThat((String) key.get("kid")).isNotBlank();
			assertThat(key.get("use")).isIn(null, "sig");
		}
		assertThat(keys.stream().map((key) -> key.get("kid")).distinct()).hasSameSizeAs(keys);
	}

}
