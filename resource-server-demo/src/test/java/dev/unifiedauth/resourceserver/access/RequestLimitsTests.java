package dev.unifiedauth.resourceserver.access;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input at the edge of the API (security cases G): oversized bodies and headers, wrong content types,
 * unknown paths and methods, and odd ids are all 4xx with a JSON error, never a 5xx.
 */
class RequestLimitsTests extends ResourceServerHttpTest {

	private static final String ALL = "documents:read documents:create documents:update documents:delete";

	@Test
	void createWhenBodyIsTwoMegabytesThenPayloadTooLarge() {
		String body = "{\"title\":\"big\",\"content\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
		Response response = bearer(issuer.token(ALL)).contentType("application/json").body(body).post("/api/documents");
		assertThat(response.statusCode()).isEqualTo(413); // G03
		assertThat(response.jsonPath().getString("error")).isEqualTo("invalid_request");
	}

	@Test
	void createWhenChunkedBodyIsTooLargeThenPayloadTooLarge() {
		byte[] body = ("{\"title\":\"big\",\"content\":\"" + "x".repeat(200 * 1024) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		Response response = bearer(issuer.token(ALL)).contentType("application/json")
			.body(new ByteArrayInputStream(body)) // no Content-Length: chunked
			.post("/api/documents");
		assertThat(response.statusCode()).isEqualTo(413);
	}

	@Test
	void apiWhenHeaderIsHugeThenRefusedWithoutServerError() {
		Response response = bearer("a".repeat(64 * 1024)).get("/api/documents");
		assertThat(response.statusCode()).isBetween(400, 431); // G03: Tomcat refuses headers over 16 kB
	}

	@Test
	void createWhenContentTypeIsNotJsonThenUnsupportedMediaType() {
		Response response = bearer(issuer.token(ALL)).contentType("text/plain").body("title=x").post("/api/documents");
		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(response.jsonPath().getString("error")).isEqualTo("invalid_request");
	}

	@Test
	void apiWhenPathOrMethodUnknownThenNotFoundOrMethodNotAllowed() {
		Response unknown = bearer(issuer.token(ALL)).get("/api/nothing-here");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.jsonPath().getString("error")).isEqualTo("not_found");
		Response patch = bearer(issuer.token(ALL)).contentType("application/json").body("{}").patch("/api/documents/doc-1");
		assertThat(patch.statusCode()).isEqualTo(405);
		assertThat(patch.header("Allow")).contains("PUT");
	}

	@Test
	void pathOutsideTheApiWhenRequestedThenRefusedWhateverTheToken() {
		for (Response response : new Response[] { given().get("/actuator/env"),
				bearer(issuer.token(ALL)).get("/actuator/env"), bearer(issuer.token(ALL)).get("/") }) {
			assertThat(response.statusCode()).isEqualTo(401); // only /api/** looks at tokens; nothing else is served
			assertThat(response.asString()).isEmpty();
		}
	}

	@Test
	void readWhenIdHasOddCharactersThenNotFound() {
		for (String id : new String[] { "doc-1%00", "%3Cscript%3E", "..%2F..%2Fetc", "doc-1'--", "%E2%80%AE" }) {
			Response response = bearer(issuer.token(ALL)).urlEncodingEnabled(false).get("/api/documents/" + id);
			assertThat(response.statusCode()).as(id).isIn(400, 404);
		}
	}

}
