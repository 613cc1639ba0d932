package dev.unifiedauth.resourceserver.access;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.unifiedauth.core.audit.AuditEvent;
import dev.unifiedauth.core.policy.Reason;
import dev.unifiedauth.core.revocation.RevocationRule;
import dev.unifiedauth.core.testing.ProofKey;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The resource server keeps validating JWTs locally and refuses the ones the authorization server's revocation
 * feed stops: 401 {@code invalid_token} with the audit reason {@code revoked} (or {@code expired} for a task past
 * its deadline), within one poll interval; and 503 once it cannot read the feed for longer than the staleness
 * bound (security cases E01, E05, E08 at the resource server; the measured bound is in the system test).
 */
class RevocationEnforcementTests extends ResourceServerHttpTest {

	@AfterEach
	void feedWorks() {
		revocations.failing(false);
	}

	@Test
	void requestWhenTheTokensTaskIsRevokedThenInvalidTokenAndAuditedAsRevoked() {
		ProofKey key = ProofKey.es256();
		String task = newTask();
		String token = issuer.agent("documents:read", "scheduling-agent-001").task(task).boundTo(key).mint();
		String sibling = issuer.agent("documents:read", "scheduling-agent-001", "analysis-agent-002")
			.task(task)
			.boundTo(key)
			.mint();
		String otherTask = issuer.agent("documents:read", "scheduling-agent-001").task(newTask()).boundTo(key).mint();
		assertThat(read(token, key).statusCode()).isEqualTo(200);

		revocations.publish(RevocationRule.task("usr-alice-001", task, Reason.REVOKED, Instant.now(),
				Instant.now().plusSeconds(300)));

		await().atMost(Duration.ofSeconds(1)).until(() -> read(token, key).statusCode() == 401);
		Response refused = read(sibling, key);
		assertThat(refused.statusCode()).as("depth 2").isEqualTo(401);
		assertThat(refused.header("WWW-Authenticate")).startsWith("DPoP error=\"invalid_token\"").contains("revoked");
		assertThat(refused.jsonPath().getString("error")).isEqualTo("invalid_token");
		assertThat(read(otherTask, key).statusCode()).isEqualTo(200);
		assertThat(this.audit.forJti(jti(sibling))).singleElement().satisfies((AuditEvent event) -> {
			assertThat(event.decision()).isEqualTo("denied");
			assertThat(event.reason()).isEqualTo("revoked");
			assertThat(event.taskId()).isEqualTo(task);
		});
	}

	@Test
	void requestWhenABearerTokenIsRevokedByJtiThenInvalidToken() {
		String token = issuer.token("documents:read");
		assertThat(bearer(token).get("/api/documents").statusCode()).isEqualTo(200);

		revocations.publish(RevocationRule.token(jti(token), Instant.now(), Instant.now().plusSeconds(300)));

		await().atMost(Duration.ofSeconds(1)).until(() -> bearer(token).get("/api/documents").statusCode() == 401);
		assertThat(bearer(token).get("/api/documents").header("WWW-Authenticate"))
			.startsWith("Bearer error=\"invalid_token\"");
	}

	@Test
	void requestWhenTheTasksDeadlinePassesBeforeTheTokensExpThenInvalidTokenAuditedAsExpired() {
		ProofKey key = ProofKey.es256();
		String task = newTask();
		String token = issuer.agent("documents:read", "scheduling-agent-001").task(task).boundTo(key).mint();

		revocations.publish(RevocationRule.task("usr-alice-001", task, Reason.EXPIRED, Instant.now(),
				Instant.now().plusSeconds(300)));

		await().atMost(Duration.ofSeconds(1)).until(() -> read(token, key).statusCode() == 401);
		assertThat(this.audit.forJti(jti(token))).last()
			.satisfies((AuditEvent event) -> assertThat(event.reason()).isEqualTo("expired"));
	}

	@Test
	void requestWhenTheFeedCannotBeReadForLongerThanTheBoundThenServiceUnavailableUntilItCanAgain() {
		String token = issuer.token("documents:read");
		revocations.failing(true);

		await().atMost(Duration.ofSeconds(3)).until(() -> bearer(token).get("/api/documents").statusCode() == 503);
		assertThat(bearer(token).get("/api/documents").jsonPath().getString("error"))
			.isEqualTo("temporarily_unavailable");

		revocations.failing(false);
		await().atMost(Duration.ofSeconds(2)).until(() -> bearer(token).get("/api/documents").statusCode() == 200);
	}

	private Response read(String token, ProofKey key) {
		return dpop(token, key, "GET", "/api/documents").get("/api/documents");
	}

	private static String newTask() {
		return "task-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
