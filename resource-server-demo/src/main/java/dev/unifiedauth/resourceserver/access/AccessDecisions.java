package dev.unifiedauth.resourceserver.access;

import java.util.Optional;

import dev.unifiedauth.core.policy.Decision;
import dev.unifiedauth.core.policy.Operation;
import dev.unifiedauth.core.policy.PermissionDecider;
import dev.unifiedauth.core.policy.Reason;
import dev.unifiedauth.resourceserver.approvals.ApprovalAnswer;
import dev.unifiedauth.resourceserver.approvals.ApprovalClient;
import dev.unifiedauth.resourceserver.approvals.ApprovalUnavailableException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * May this token perform this operation on this target? Decided by the shared {@link PermissionDecider} from the
 * token's claims alone (no call to anyone for FREE and FORBIDDEN operations): humans by their role, agents by
 * tier, attenuation and scope, on the top-level {@code sub} and the current actor only (RFC 8693 §4.1). A
 * SUPERVISED operation asks the authorization server's approval API, and runs once when the root human approved
 * exactly it. Every decision is audited once. Thread-safe.
 */
final class AccessDecisions {

	private static final Log logger = LogFactory.getLog(AccessDecisions.class);

	private final PermissionDecider decider;

	private final ApprovalClient approvals;

	private final AccessAudit audit;

	private final AccessErrors errors;

	AccessDecisions(PermissionDecider decider, ApprovalClient approvals, AccessAudit audit, AccessErrors errors) {
		this.decider = decider;
		this.approvals = approvals;
		this.audit = audit;
		this.errors = errors;
	}

	/**
	 * @param target the id of the object the operation acts on, or {@code null}
	 * @return empty when the operation may run now; otherwise the refusal to answer with
	 * @throws AccessRefusal (503) when the decision cannot be audited
	 */
	Optional<AccessError> decide(AccessToken token, Operation operation, String target) {
		Decision decision = this.decider.decide(token.grant(), token.roles(), operation, false);
		if (decision.effect() == Decision.Effect.ALLOW) {
			this.audit.decision(token, operation, target, decision, null, null);
			return Optional.empty();
		}
		if (decision.effect() == Decision.Effect.DENY) {
			this.audit.decision(token, operation, target, decision, null, null);
			return Optional.of(denial(token, operation, decision));
		}
		return supervised(token, operation, target, decision);
	}

	/** Contract, Tiers: SUPERVISED runs only with the root human's approval of this exact operation. */
	private Optional<AccessError> supervised(AccessToken token, Operation operation, String target,
			Decision decision) {
		ApprovalAnswer answer;
		try {
			answer = this.approvals.check(token.value(), operation, target);
		}
		catch (ApprovalUnavailableException ex) {
			logger.warn("SUPERVISED " + operation + " refused: " + ex.getMessage());
			this.audit.decision(token, operation, target, refused(decision), "unavailable", null);
			return Optional.of(this.errors.temporarilyUnavailable("The approval service is unavailable"));
		}
		return switch (answer.status()) {
			case APPROVED -> {
				Decision approved = this.decider.decide(token.grant(), token.roles(), operation, true);
				this.audit.decision(token, operation, target, approved, "approved", null);
				yield approved.allowed() ? Optional.empty() : Optional.of(denial(token, operation, approved));
			}
			case PENDING -> {
				this.audit.decision(token, operation, target, decision, "pending", answer.approvalId());
				yield Optional.of(this.errors.approvalRequired(answer.approvalId(), answer.approvalUri()));
			}
			case DENIED -> {
				this.audit.decision(token, operation, target, refused(decision), "denied", answer.approvalId());
				yield Optional.of(this.errors.approvalDenied(answer.approvalId()));
			}
		};
	}

	private AccessError denial(AccessToken token, Operation operation, Decision decision) {
		Reason reason = decision.reason();
		return switch (reason) {
			// RFC 6750 §3.1: the scope the operation needs, so that the client can ask for it
			case SCOPE_MISSING -> this.errors.insufficientScope(token.scheme(), reason.code(), operation.toString(),
					"The access token does not grant " + operation);
			case NOT_IN_SCOPED_RESOURCES -> this.errors.insufficientScope(token.scheme(), reason.code(),
					operation.toString(), "The delegation is limited to other resources");
			case ATTENUATED_READ_ONLY -> this.errors.insufficientScope(token.scheme(), reason.code(),
					operation.toString(), "The delegation is read-only");
			default -> this.errors.forbidden("This operation is never performed through an agent");
		};
	}

	/** A SUPERVISED operation that will not run: denied, still for want of an approval. */
	private static Decision refused(Decision decision) {
		return new Decision(Decision.Effect.DENY, decision.tier(), Reason.APPROVAL_REQUIRED);
	}

}
