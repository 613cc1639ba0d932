package dev.unifiedauth.authserver.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.unifiedauth.core.audit.AuditEvent;

/**
 * Audit events for store tests: the mix of security case F01 (issuance, exchange with act, revocation, tier
 * denial, DPoP replay), each with an actor chain rooted in a human and a task.
 */
final class AuditEvents {

	static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

	private AuditEvents() {
	}

	/** The {@code i}-th event of the mix (from 0), in task {@code task-<i % 5>}, rooted in alice or bob. */
	static AuditEvent mixed(int i) {
		String human = (i % 2 == 0) ? "usr-alice-001" : "usr-bob-002";
		String task = "task-" + (i % 5);
		Instant time = START.plus(Duration.ofMillis(1234L * i)).plusNanos(456_000);
		return switch (i % 5) {
			case 0 -> AuditEvent.of("token.issued", time).decision("issued", null).source("auth-server")
				.client("demo-backend").chain(List.of(human)).task(task).jti("jti-" + i)
				.detail("grant_type", "authorization_code").build();
			case 1 -> AuditEvent.of("token.exchange", time).decision("granted", "granted").source("auth-server")
				.client("scheduling-agent-001").chain(List.of(human, "scheduling-agent-001")).task(task)
				.jti("jti-" + i).detail("subject_jti", "jti-" + (i - 1)).build();
			case 2 -> AuditEvent.of("token.revoked", time).decision("revoked", "task_revoked").source("auth-server")
				.client("demo-backend").chain(List.of(human, "scheduling-agent-001")).task(task).jti("jti-" + i).build();
			case 3 -> AuditEvent.of("permission.decision", time).decision("denied", "tier_forbidden")
				.source("http://localhost:8081").client("resource-server-demo")
				.chain(List.of(human, "scheduling-agent-001", "analysis-agent-002")).task(task)
				.operation("users", "delete").jti("jti-" + i).detail("tier", "FORBIDDEN").build();
			default -> AuditEvent.of("dpop.proof", time).decision("refused", "replay").source("http://localhost:8081")
				.client("scheduling-agent-001").chain(List.of(human, "scheduling-agent-001")).task(task)
				.detail("check", "jti").build();
		};
	}

}
