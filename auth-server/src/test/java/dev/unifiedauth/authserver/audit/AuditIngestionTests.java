package dev.unifiedauth.authserver.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.DemoClients;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /audit/v1/events}: a resource server delivers its decisions to the one trail, authenticated as a
 * client with a resource identifier; retries are deduplicated by {@code event_id}; the source is the caller; a
 * bad delivery is refused whole.
 */
@AuthServerTest
class AuditIngestionTests {

	static final String RS_CLIENT = "resource-server-demo";

	static final String RS_SECRET = "resource-server-demo-secret";

	@Value("${unified-auth.issuer}")
	String issuer;

	private AuditApi api;

	private String admin;

	private String task;

	@BeforeEach
	void anAdministratorAndATask() {
		this.api = new AuditApi(this.issuer);
		this.admin = this.api.aliceToken();
		this.task = "task-" + UUID.randomUUID();
	}

	@Test
	void deliverWhenNewEventsThenTheyJoinTheTrailWithTheCallersSource() {
		List<Map<String, Object>> events = List.of(decision("allowed", "documents", "read"),
				decision("denied", "users", "delete"), decision("approval_required", "documents", "delete"));

		Response response = deliver(events);

		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		assertThat(response.jsonPath().getInt("received")).isEqualTo(3);
		assertThat(response.jsonPath().getInt("new")).isEqualTo(3);
		List<Map<String, Object>> stored = this.api.all(this.admin, Map.of("task", this.task));
		assertThat(stored).extracting((entry) -> entry.get("decision")).containsExactly("allowed", "denied",
				"approval_required");
		assertThat(stored).allSatisfy((entry) -> {
			assertThat(entry).containsEntry("source", DemoClients.RESOURCE_SERVER)
				.containsEntry("type", "permission.decision")
				.containsEntry("chain", List.of(DemoClients.ALICE_ID, DemoClients.SCHEDULING_AGENT));
		});
		assertThat(stored.get(1)).containsEntry("resource", "users").containsEntry("action", "delete");
		assertThat(AuditApi.details(stored.get(1))).containsEntry("tier", "AUTONOMOUS");
	}

	@Test
	void deliverWhenRetriedThenEventsAlreadyInTheTrailAreNotAddedAgain() {
		Map<String, Object> first = decision("allowed", "documents", "read");
		Map<String, Object> second = decision("denied", "users", "delete");
		deliver(List.of(first, second));

		Response retry = deliver(List.of(first, second));
		Response partlyNew = deliver(List.of(second, decision("allowed", "documents", "read"), second));

		assertThat(retry.statusCode()).isEqualTo(200);
		assertThat(retry.jsonPath().getInt("received")).isEqualTo(2);
		assertThat(retry.jsonPath().getInt("new")).isZero();
		assertThat(partlyNew.jsonPath().getInt("new")).isEqualTo(1);
		assertThat(this.api.all(this.admin, Map.of("task", this.task))).hasSize(3);
	}

	@Test
	void deliverWhenAnEventIdDiffersOnlyInCaseThenItIsTheSameEvent() {
		Map<String, Object> event = decision("allowed", "documents", "read");
		deliver(List.of(event));
		Map<String, Object> upper = new LinkedHashMap<>(event);
		upper.put("event_id", ((String) event.get("event_id")).toUpperCase());

		assertThat(deliver(List.of(upper)).jsonPath().getInt("new")).isZero();
	}

	@Test
	void deliverWhenTheSourceIsAnotherServerThenRefusedAndNothingOfTheDeliveryIsKept() {
		Map<String, Object> forged = decision("allowed", "payments", "create");
		forged.put("source", "auth-server");

		Response response = deliver(List.of(decision("allowed", "documents", "read"), forged));

		assertInvalidRequest(response, "events[1]: source must be the caller's resource identifier");
		assertThat(this.api.all(this.admin, Map.of("task", this.task))).isEmpty();
	}

	@Test
	void deliverWhenTheCallerIsNotAResourceServerThenForbidden() {
		Response response = given().baseUri(this.issuer)
			.auth()
			.preemptive()
			.basic(DemoClients.BACKEND, DemoClients.BACKEND_SECRET)
			.contentType(ContentType.JSON)
			.body(List.of(decision("allowed", "documents", "read")))
			.post("/audit/v1/events");

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.jsonPath().getString("error")).isEqualTo("unauthorized_client");
		assertThat(this.api.all(this.admin, Map.of("task", this.task))).isEmpty();
	}

	@Test
	void deliverWhenNotAuthenticatedOrWithAWrongSecretThenInvalidClient() {
		Response anonymous = given().baseUri(this.issuer)
			.contentType(ContentType.JSON)
			.body(List.of(decision("allowed", "documents", "read")))
			.post("/audit/v1/events");
		Response wrongSecret = given().baseUri(this.issuer)
			.auth()
			.preemptive()
			.basic(RS_CLIENT, "not-the-secret")
			.contentType(ContentType.JSON)
			.body(List.of(decision("allowed", "documents", "read")))
			.post("/audit/v1/events");

		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.jsonPath().getString("error")).isEqualTo("invalid_client");
		assertThat(wrongSecret.statusCode()).isEqualTo(401);
		assertThat(this.api.all(this.admin, Map.of("task", this.task))).isEmpty();
	}

	@Test
	void deliverWhenMalformedThenInvalidRequestNamingTheEventAndTheMember() {
		Map<String, Object> unknownMember = decision("allowed", "documents", "read");
		unknownMember.put("access_token", "x");
		Map<String, Object> badId = decision("allowed", "documents", "read");
		badId.put("event_id", "42");
		Map<String, Object> noType = decision("allowed", "documents", "read");
		noType.remove("type");
		Map<String, Object> badTime = decision("allowed", "documents", "read");
		badTime.put("time", "yesterday");
		Map<String, Object> numericReason = decision("allowed", "documents", "read");
		numericReason.put("reason", 7);
		Map<String, Object> token = decision("allowed", "documents", "read");
		token.put("details", Map.of("token",
				"eyJhbGciOiJFUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiJ1c3ItYWxpY2UtMDAxIn0.c2lnbmF0dXJl"));

		assertInvalidRequest(deliver(List.of(unknownMember)), "events[0]: unknown member access_token");
		assertInvalidRequest(deliver(List.of(decision("allowed", "documents", "read"), badId)),
				"events[1]: event_id must be a UUID");
		assertInvalidRequest(deliver(List.of(noType)), "events[0]: type is required");
		assertInvalidRequest(deliver(List.of(badTime)), "events[0]: time must be an RFC 3339 date-time");
		assertInvalidRequest(deliver(List.of(numericReason)), "events[0]: reason must be a string");
		assertInvalidRequest(deliver(List.of(token)), "never hold one");
		assertInvalidRequest(send("{\"event_id\":\"x\"}", ContentType.JSON), "JSON array");
		assertInvalidRequest(send("[{\"type\":\"a\",\"type\":\"b\"}]", ContentType.JSON), "Not JSON");
		assertInvalidRequest(send("[]", ContentType.TEXT), "application/json");
		assertThat(this.api.all(this.admin, Map.of("task", this.task))).isEmpty();
	}

	@Test
	void deliverWhenMoreEventsThanOneDeliveryMayHoldThenRefused() {
		List<Map<String, Object>> events = new ArrayList<>();
		for (int i = 0; i < 501; i++) {
			events.add(decision("allowed", "documents", "read"));
		}

		assertInvalidRequest(deliver(events), "At most 500 events");
	}

	@Test
	void deliverWhenAcceptedThenTheTrailStillVerifies() {
		deliver(List.of(decision("allowed", "documents", "read"), decision("denied", "users", "delete")));

		Response verify = given().baseUri(this.issuer).auth().oauth2(this.admin).get("/audit/v1/verify");

		assertThat(verify.jsonPath().getString("status")).as(verify.asString()).isEqualTo("ok");
	}

	private Map<String, Object> decision(String decision, String resource, String action) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("event_id", UUID.randomUUID().toString());
		event.put("time", "2026-03-01T09:00:00.123456Z");
		event.put("type", "permission.decision");
		event.put("decision", decision);
		event.put("reason", "allowed".equals(decision) ? "allowed" : "tier");
		event.put("client_id", DemoClients.SCHEDULING_AGENT);
		event.put("chain", List.of(DemoClients.ALICE_ID, DemoClients.SCHEDULING_AGENT));
		event.put("task_id", this.task);
		event.put("resource", resource);
		event.put("action", action);
		event.put("jti", UUID.randomUUID().toString());
		event.put("details", Map.of("tier", "AUTONOMOUS"));
		return event;
	}

	private Response deliver(List<Map<String, Object>> events) {
		return request().contentType(ContentType.JSON).body(events).post("/audit/v1/events");
	}

	private Response send(String body, ContentType type) {
		return request().contentType(type).body(body).post("/audit/v1/events");
	}

	private RequestSpecification request() {
		return given().baseUri(this.issuer).auth().preemptive().basic(RS_CLIENT, RS_SECRET);
	}

	private static void assertInvalidRequest(Response response, String description) {
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
		assertThat(response.jsonPath().getString("error")).isEqualTo("invalid_request");
		assertThat(response.jsonPath().getString("error_description")).contains(description);
	}

}
