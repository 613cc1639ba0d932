package dev.unifiedauth.authserver.delegation;

import java.time.Instant;
import java.util.List;

import dev.unifiedauth.core.audit.AuditEvent;
import dev.unifiedauth.core.token.DelegationGrant;

/**
 * What is known about one token exchange as it proceeds, so that its outcome, granted or refused, is reported
 * once ({@code token.exchange}) with as much of the chain as was learnt before it ended. Not thread-safe: one per
 * exchange.
 */
final class ExchangeAttempt {

	private final String clientId;

	private final String requestedTask;

	PresentedToken subject;

	String actor;

	DelegationGrant granted;

	String issuedJti;

	ExchangeAttempt(String clientId, String requestedTask) {
		this.clientId = clientId;
		this.requestedTask = requestedTask;
	}

	/** The audit event of the outcome: the chain root→leaf, the task, the new token's {@code jti}, never a token. */
	AuditEvent outcome(boolean wasGranted, String reason, Instant now) {
		DelegationGrant known = (this.granted != null) ? this.granted
				: (this.subject != null) ? this.subject.grant() : null;
		List<String> chain = (known != null) ? known.chain().withRoot(known.subject()) : List.of();
		if (!wasGranted && this.actor != null && known != null && !chain.contains(this.actor)) {
			chain = known.chain().with(this.actor).withRoot(known.subject());
		}
		return AuditEvent.of("token.exchange", now)
			.decision(wasGranted ? "granted" : "refused", reason)
			.source("auth-server")
			.client(this.clientId)
			.chain(chain)
			// a refusal names the task it was asked for, so that it shows with the task's other entries
			.task((known != null && known.task() != null) ? known.task().value() : this.requestedTask)
			.jti(this.issuedJti)
			.detail("subject_jti", (this.subject != null) ? this.subject.jti() : null)
			.detail("scope", (this.granted != null) ? String.join(" ", this.granted.scopes()) : null)
			.build();
	}

}
