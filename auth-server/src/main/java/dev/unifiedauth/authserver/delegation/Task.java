package dev.unifiedauth.authserver.delegation;

import java.time.Instant;

/**
 * A task a human delegated to agents: every agent token carries its id, and its tokens die with it.
 *
 * @param subject the human at the root of every chain of the task
 * @param taskId the task id chosen by the client that started it
 * @param startedBy the client whose token exchange started it
 * @param createdAt when it started
 * @param deadline after which its tokens stop working, or {@code null}
 * @param revokedAt when it was revoked, or {@code null}
 * @param revokedBy who revoked it (a user id or {@code client:} + client id), or {@code null}
 */
public record Task(String subject, String taskId, String startedBy, Instant createdAt, Instant deadline,
		Instant revokedAt, String revokedBy) {

	public boolean revoked() {
		return this.revokedAt != null;
	}

	/** Whether the deadline has passed at {@code now}. */
	public boolean pastDeadline(Instant now) {
		return this.deadline != null && !now.isBefore(this.deadline);
	}

}
