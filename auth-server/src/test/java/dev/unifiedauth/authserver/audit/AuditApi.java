package dev.unifiedauth.authserver.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.ClientRequests;
import dev.unifiedauth.authserver.testing.DemoClients;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the trail through {@code GET /audit/v1/events} as a user would, with a human's access token.
 */
final class AuditApi {

	private final String baseUrl;

	AuditApi(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/** An access token of alice (an administrator) for demo-backend. */
	String aliceToken() {
		return tokenOf(DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
	}

	/** An access token of bob (not an administrator) for demo-backend. */
	String bobToken() {
		return tokenOf(DemoClients.BOB_EMAIL, DemoClients.BOB_PASSWORD);
	}

	String tokenOf(String email, String password) {
		BrowserSession session = BrowserSession.loggedIn(this.baseUrl, email, password);
		return ClientRequests.backend(this.baseUrl).authorizationCodeGrant(session, "documents:read")
			.getString("access_token");
	}

	Response events(String token, Map<String, String> query) {
		return given().baseUri(this.baseUrl).auth().oauth2(token).queryParams(query).get("/audit/v1/events");
	}

	/** Every entry {@code token} may see that matches {@code filters}, oldest first (all pages). */
	List<Map<String, Object>> all(String token, Map<String, String> filters) {
		List<Map<String, Object>> entries = new ArrayList<>();
		for (int page = 0;; page++) {
			Map<String, String> query = new LinkedHashMap<>(filters);
			query.put("order", "asc");
			query.put("size", "200");
			query.put("page", String.valueOf(page));
			Response response = events(token, query);
			assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
			entries.addAll(response.jsonPath().getList("events"));
			if (!response.jsonPath().getBoolean("has_more")) {
				return entries;
			}
		}
	}

	/** The entries of {@code type} whose jti is {@code jti}. */
	List<Map<String, Object>> byJti(String token, String type, String jti) {
		return all(token, Map.of("type", type)).stream().filter((entry) -> jti.equals(entry.get("jti"))).toList();
	}

	static Map<String, Object> details(Map<String, Object> entry) {
		@SuppressWarnings("unchecked")
		Map<String, Object> details = (Map<String, Object>) entry.get("details");
		return details;
	}

}
