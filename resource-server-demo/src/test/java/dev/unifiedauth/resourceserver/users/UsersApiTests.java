package dev.unifiedauth.resourceserver.users;

import dev.unifiedauth.resourceserver.access.ResourceServerHttpTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The users API over HTTP with alice's token (role admin): seeded with alice and bob, list, read, update and
 * delete, and input validation (400 with the rule, never a 5xx).
 */
class UsersApiTests extends ResourceServerHttpTest {

	private static final String ALL = "users:read users:update users:delete";

	@Test
	void listWhenSeededThenAliceAndBob() {
		Response response = bearer(issuer.token("users:read")).get("/api/users");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.jsonPath().getList("id", String.class)).contains("usr-alice-001", "usr-bob-002");
		assertThat(bearer(issuer.token("users:read")).get("/api/users/usr-alice-001").jsonPath().getString("email"))
			.isEqualTo("alice@example.com");
	}

	@Test
	void readWhenUnknownOrMalformedIdThenNotFound() {
		assertThat(bearer(issuer.token("users:read")).get("/api/users/usr-nobody").statusCode()).isEqualTo(404);
		Response malformed = bearer(issuer.token("users:read")).get("/api/users/" + "x".repeat(300));
		assertThat(malformed.statusCode()).isEqualTo(404);
		assertThat(malformed.jsonPath().getString("error")).isEqualTo("not_found");
	}

	@Test
	void updateWhenValidThenChangedAndRoleKept() {
		Response response = bearer(issuer.token(ALL)).contentType("application/json")
			.body("{\"email\":\"bob@example.com\",\"name\":\"Bob\",\"role\":\"admin\"}")
			.put("/api/users/usr-bob-002");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.jsonPath().getString("role")).isEqualTo("viewer");
	}

	@Test
	void updateWhenInputInvalidThenBadRequest() {
		for (String body : new String[] { "{\"email\":\"not-an-address\",\"name\":\"Bob\"}",
				"{\"email\":\"bob@example.com\"}", "{\"email\":\"bob@example.com\",\"name\":\"" + "b".repeat(101) + "\"}",
				"{\"email\":\"bob@example.com\",\"name\":\"Bob\\r\\nX-Injected: 1\"}", "{\"email\":42,\"name\":[]}",
				"{", "" }) {
			Response response = bearer(issuer.token(ALL)).contentType("application/json")
				.body(body)
				.put("/api/users/usr-bob-002");
			assertThat(response.statusCode()).as(body).isEqualTo(400);
			assertThat(response.jsonPath().getString("error")).isEqualTo("invalid_request");
		}
	}

	@Test
	void deleteWhenAdminThenGoneAndSecondDeleteNotFound() {
		String token = issuer.token(ALL);
		Response update = bearer(token).contentType("application/json")
			.body("{\"email\":\"alice@example.com\",\"name\":\"Alice\"}")
			.put("/api/users/usr-alice-001");
		assertThat(update.statusCode()).isEqualTo(200);
		// deleting a seeded user would disturb other tests: an unknown one shows the not-found path
		assertThat(bearer(issuer.token(ALL)).delete("/api/users/usr-unknown-999").statusCode()).isEqualTo(404);
	}

}
