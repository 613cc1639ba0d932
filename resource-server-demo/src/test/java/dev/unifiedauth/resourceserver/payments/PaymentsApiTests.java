package dev.unifiedauth.resourceserver.payments;

import dev.unifiedauth.resourceserver.access.ResourceServerHttpTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payments API over HTTP with alice's token (role admin): list, read, create, and input validation (400 with
 * the rule, never a 5xx).
 */
class PaymentsApiTests extends ResourceServerHttpTest {

	@Test
	void createWhenValidThenCreatedAndReadable() {
		Response created = bearer(issuer.token("payments:create")).contentType("application/json")
			.body("{\"amount\":\"42.10\",\"currency\":\"EUR\",\"payee\":\"Printing Co\"}")
			.post("/api/payments");
		assertThat(created.statusCode()).isEqualTo(201);
		String id = created.jsonPath().getString("id");
		assertThat(created.header("Location")).isEqualTo("/api/payments/" + id);
		assertThat(created.jsonPath().getString("createdBy")).isEqualTo("usr-alice-001");

		Response read = bearer(issuer.token("payments:read")).get("/api/payments/" + id);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.jsonPath().getString("payee")).isEqualTo("Printing Co");
		assertThat(bearer(issuer.token("payments:read")).get("/api/payments").jsonPath().getList("id"))
			.contains(id, "pay-1");
	}

	@Test
	void createWhenInputInvalidThenBadRequest() {
		for (String body : new String[] { "{\"amount\":\"0\",\"currency\":\"EUR\",\"payee\":\"X\"}",
				"{\"amount\":\"-5\",\"currency\":\"EUR\",\"payee\":\"X\"}",
				"{\"amount\":\"1.001\",\"currency\":\"EUR\",\"payee\":\"X\"}",
				"{\"amount\":\"1000000.01\",\"currency\":\"EUR\",\"payee\":\"X\"}",
				"{\"amount\":1e999999999,\"currency\":\"EUR\",\"payee\":\"X\"}",
				"{\"amount\":\"abc\",\"currency\":\"EUR\",\"payee\":\"X\"}",
				"{\"amount\":\"1.00\",\"currency\":\"eur\",\"payee\":\"X\"}",
				"{\"amount\":\"1.00\",\"currency\":\"EUR\",\"payee\":\"\"}",
				"{\"amount\":\"1.00\",\"currency\":\"EUR\",\"payee\":\"" + "p".repeat(201) + "\"}",
				"{\"amount\":\"1.00\",\"currency\":\"EUR\"}", "[]", "null" }) {
			Response response = bearer(issuer.token("payments:create")).contentType("application/json")
				.body(body)
				.post("/api/payments");
			assertThat(response.statusCode()).as(body).isEqualTo(400);
			assertThat(response.jsonPath().getString("error")).isEqualTo("invalid_request");
		}
	}

	@Test
	void readWhenUnknownThenNotFound() {
		assertThat(bearer(issuer.token("payments:read")).get("/api/payments/pay-999999").statusCode()).isEqualTo(404);
	}

}
