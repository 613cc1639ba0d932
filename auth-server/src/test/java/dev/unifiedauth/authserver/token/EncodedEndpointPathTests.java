package dev.unifiedauth.authserver.token;

import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.DemoClients;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Value;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request checks of the token, introspection and revocation endpoints cannot be bypassed with a
 * percent-encoded path that Spring's endpoints still answer.
 */
@AuthServerTest
class EncodedEndpointPathTests {

	@Value("${unified-auth.issuer}")
	String issuer;

	@ParameterizedTest
	@ValueSource(strings = { "/oauth2/%74oken", "/oauth2/%69ntrospect", "/oauth2/%72evoke" })
	void postWhenPathIsPercentEncodedAndBodyIsJsonThenInvalidRequest(String path) {
		Response response = given().baseUri(this.issuer)
			.urlEncodingEnabled(false)
			.auth()
			.preemptive()
			.basic(DemoClients.BACKEND, DemoClients.BACKEND_SECRET)
			.contentType(ContentType.JSON)
			.body("{\"grant_type\":\"client_credentials\",\"token\":\"x\"}")
			.post(path);
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
		assertThat(response.jsonPath().getString("error")).isEqualTo("invalid_request");
	}

}
