package dev.unifiedauth.core.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One security-relevant decision or action. Immutable.
 *
 * @param time when it happened
 * @param type what happened, e.g. {@code token.exchange}, {@code permission.decision}, {@code login}
 * @param decision the outcome, e.g. {@code granted}, {@code refused}, {@code allowed}, {@code denied}
 * @param reason why (contract reason codes where they apply)
 * @param source the server that recorded it ({@code auth-server}, a resource server's identifier)
 * @param clientId the OAuth client involved, if any
 * @param chain the human and the actors, root to leaf, as far as known
 * @param taskId the task, if any
 * @param resource the resource of the operation, if any
 * @param action the action of the operation, if any
 * @param jti the token concerned, by its identifier (never the token)
 * @param details further values (strings only; never secrets)
 */
public record AuditEvent(Instant time, String type, String decision, String reason, String source, String clientId,
		List<String> chain, String taskId, String resource, String action, String jti, Map<String, String> details) {

	public AuditEvent {
		chain = (chain != null) ? List.copyOf(chain) : List.of();
		details = (details != null) ? new TreeMap<>(details) : new TreeMap<>();
	}

	/** Starts an event of {@code type} at {@code time}. */
	public static Builder of(String type, Instant time) {
		return new Builder(type, time);
	}

	/** Fluent construction of an {@link AuditEvent}. Not thread-safe. */
	public static final class Builder {

		private final String type;

		private final Instant time;

		private String decision;

		private String reason;

		private String source;

		private String clientId;

		private List<String> chain = List.of();

		private String taskId;

		private String resource;

		private String action;

		private String jti;

		private final Map<String, String> details = new TreeMap<>();

		private Builder(String type, Instant time) {
			this.type = type;
			this.time = time;
		}

		public Builder decision(String decision, String reason) {
			this.decision = decision;
			this.reason = reason;
			return this;
		}

		public Builder source(String source) {
			this.source = source;
			return this;
		}

		public Builder client(String clientId) {
			this.clientId = clientId;
			return this;
		}

		public Builder chain(List<String> chain) {
			this.chain = chain;
			return this;
		}

		public Builder task(String taskId) {
			this.taskId = taskId;
			return this;
		}

		public Builder operation(String resource, String action) {
			this.resource = resource;
			this.action = action;
			return this;
		}

		public Builder jti(String jti) {
			this.jti = jti;
			return this;
		}

		public Builder detail(String name, String value) {
			if (value != null) {
				this.details.put(name, value);
			}
			return this;
		}

		public AuditEvent build() {
			return new AuditEvent(this.time, this.type, this.decision, this.reason, this.source, this.clientId,
					this.chain, this.taskId, this.resource, this.action, this.jti, this.details);
		}

	}

}
