package dev.unifiedauth.resourceserver.access;

import java.time.Clock;
import java.util.List;

import dev.unifiedauth.core.audit.AuditEvent;
import dev.unifiedauth.core.audit.AuditSink;
import dev.unifiedauth.core.policy.Decision;
import dev.unifiedauth.core.policy.Operation;
import dev.unifiedauth.core.policy.Reason;
import dev.unifiedauth.core.token.DelegationGrant;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The one place where the resource server writes audit events: one {@code permission.decision} event per
 * decision about a request that presented a token, with the chain root to leaf, the task, the operation, its
 * target, the tier, the decision and its reason, and the token's {@code jti} (never the token). A refused token
 * is a decision too (reason {@code invalid_token}). If the event cannot be recorded the request is refused with
 * 503: nothing runs unrecorded (contract, Audit). Thread-safe.
 */
final class AccessAudit {

	static final String TYPE = "permission.decision";

	private static final Log logger = LogFactory.getLog(AccessAudit.class);

	private static final int MAX_PATH = 200;

	private final AuditSink sink;

	private final String source;

	private final AccessErrors errors;

	private final Clock clock;

	/**
	 * @param source this server's resource identifier
	 */
	AccessAudit(AuditSink sink, String source, AccessErrors errors, Clock clock) {
		this.sink = sink;
		this.source = source;
		this.errors = errors;
		this.clock = clock;
	}

	/**
	 * A permission decision.
	 * @param approval what the approval API said ({@code approved}, {@code pending}, {@code denied},
	 * {@code unavailable}), or {@code null} when it was not asked
	 * @param approvalId the approval's id, if any
	 */
	void decision(AccessToken token, Operation operation, String target, Decision decision, String approval,
			String approvalId) {
		record(start(token).decision(outcome(decision), decision.reason().code())
			.operation(operation.resource(), operation.action())
			.detail("tier", (decision.tier() != null) ? decision.tier().name() : null)
			.detail("target", target)
			.detail("approval", approval)
			.detail("approval_id", approvalId)
			.build());
	}

	/**
	 * A request whose token was refused (401): {@code invalid_token} with the check that failed, or
	 * {@code revoked} / {@code expired} when the revocation feed stopped it.
	 */
	void refusal(HttpServletRequest request, AccessRefusal refusal) {
		String path = AccessErrors.safe(request.getRequestURI());
		if (path.length() > MAX_PATH) {
			path = path.substring(0, MAX_PATH);
		}
		record(start(refusal.token()).decision("denied", refusal.reason().code())
			.detail("error", refusal.error().code())
			.detail("check", refusal.check())
			.detail("request", request.getMethod() + " " + path)
			.build());
	}

	private AuditEvent.Builder start(AccessToken token) {
		AuditEvent.Builder event = AuditEvent.of(TYPE, this.clock.instant()).source(this.source);
		if (token != null) {
			DelegationGrant grant = token.grant();
			event.client(token.clientId())
				.chain(grant.chain().withRoot(grant.subject()))
				.task((grant.task() != null) ? grant.task().value() : null)
				.jti(token.jti())
				.detail("scheme", token.scheme().challengeName());
		}
		else {
			event.chain(List.of());
		}
		return event;
	}

	private void record(AuditEvent event) {
		try {
			this.sink.record(event);
		}
		catch (RuntimeException ex) {
			// contract, Audit: an operation whose audit entry cannot be written fails
			logger.error("Audit event not recorded; refusing the request", ex);
			throw new AccessRefusal(this.errors.temporarilyUnavailable("The audit trail is unavailable"));
		}
	}

	/** The wire form of an effect, as the authorization server's decision endpoint writes it. */
	static String outcome(Decision decision) {
		return switch (decision.effect()) {
			case ALLOW -> "allowed";
			case REQUIRE_APPROVAL -> "approval_required";
			case DENY -> "denied";
		};
	}

}
