package dev.unifiedauth.authserver.approvals;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One request to approve one operation, and its outcome. Immutable.
 *
 * @param id identifier ({@code apr_...})
 * @param subject the root human
 * @param taskId the task
 * @param actor the agent that wants to perform the operation
 * @param chain the actors, first delegate first
 * @param resource the resource of the operation
 * @param action the action of the operation
 * @param target what it acts on (e.g. a document id)
 * @param requestedBy the resource server that asked
 * @param tokenJti the agent token that met the operation
 * @param status where it stands
 * @param createdAt when it was asked
 * @param expiresAt when it lapses (pending: unanswered; approved: unused)
 * @param decidedBy the human who decided, if any
 * @param decidedAs {@code root} or {@code admin}
 * @param decidedAt when
 * @param usedAt when the approved operation ran
 */
public record Approval(String id, String subject, String taskId, String actor, List<String> chain, String resource,
		String action, String target, String requestedBy, String tokenJti, Status status, Instant createdAt,
		Instant expiresAt, String decidedBy, String decidedAs, Instant decidedAt, Instant usedAt) {

	public Approval {
		chain = List.copyOf(chain);
	}

	public String operation() {
		return this.resource + ":" + this.action;
	}

	public boolean liveAt(Instant now) {
		return this.expiresAt.isAfter(now);
	}

	/** The chain as the contract writes it: the human first, then every actor. */
	public List<String> chainWithRoot() {
		List<String> all = new java.util.ArrayList<>();
		all.add(this.subject);
		all.addAll(this.chain);
		return all;
	}

	static List<String> splitChain(String stored) {
		return stored.isEmpty() ? List.of() : Arrays.asList(stored.split(" "));
	}

	/** Where an approval stands. */
	public enum Status {

		PENDING, APPROVED, DENIED, USED

	}

}
