package dev.unifiedauth.resourceserver.documents;

import dev.unifiedauth.resourceserver.access.ResourceServerHttpTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documents API over HTTP with alice's token (role admin): create, read, update, delete, and input
 * validation (400 with the rule, never a 5xx).
 */
class DocumentsApiTests extends ResourceServerHttpTest {

	private static final String ALL = "documents:read documents:create documents:update documents:delete";

	@Test
	void documentWhenCreatedUpdatedAndDeletedThenEachStepIsVisible() {
		Response created = bearer(issuer.token(ALL)).contentType("application/json")
			.body("{\"title\":\"Draft\",\"content\":\"v1\"}")
			.post("/api/documents");
		assertThat(created.statusCode()).isEqualTo(201);
		String path = "/api/documents/" + created.jsonPath().getString("id");

		Response updated = bearer(issuer.token(ALL)).contentType("application/json")
			.body("{\"title\":\"Draft\",\"content\":\"v2\"}")
			.put(path);
		assertThat(updated.statusCode()).isEqualTo(200);
		assertThat(bearer(issuer.token(ALL)).get(path).jsonPath().getString("content")).isEqualTo("v2");
		assertThat(bearer(issuer.token(ALL)).delete(path).statusCode()).isEqualTo(204);
		assertThat(bearer(issuer.token(ALL)).get(path).statusCode()).isEqualTo(404);
		assertThat(bearer(issuer.token(ALL)).delete(path).statusCode()).isEqualTo(404);
	}

	@Test
	void createWhenInputInvalidThenBadRequest() {
		for (String body : new String[] { "{}", "{\"title\":\"  \"}", "{\"title\":\"" + "t".repeat(201) + "\"}",
				"{\"title\":\"ok\",\"content\":\"" + "c".repeat(20_001) + "\"}", "{\"title\":", "\"just a string\"" }) {
			Response response = bearer(issuer.token(ALL)).contentType("application/json").body(body).post("/api/documents");
			assertThat(response.statusCode()).as(body.substring(0, Math.min(body.length(), 40))).isEqualTo(400);
			assertThat(response.jsonPath().getString("error")).isEqualTo("invalid_request");
		}
	}

}
