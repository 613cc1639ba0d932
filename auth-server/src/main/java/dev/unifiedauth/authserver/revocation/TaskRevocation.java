package dev.unifiedauth.authserver.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.unifiedauth.authserver.delegation.DelegatedTokens;
import dev.unifiedauth.authserver.delegation.Task;
import dev.unifiedauth.authserver.delegation.Tasks;
import dev.unifiedauth.core.audit.AuditEvent;
import dev.unifiedauth.core.audit.AuditSink;
import dev.unifiedauth.core.policy.Reason;
import dev.unifiedauth.core.revocation.RevocationLog;
import dev.unifiedauth.core.revocation.RevocationRule;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends tasks: revocation (every token of the task, at every depth, at once) and deadlines (every token of the task
 * stops working at the deadline, whatever its {@code exp}). Each change is one transaction: the task row, the
 * tokens' rows, the rule of the revocation feed and the audit entry are written together or not at all. Who may
 * end a task is decided by the callers (the task API and the task pages). Thread-safe.
 */
public final class TaskRevocation {

	private final Tasks tasks;

	private final DelegatedTokens tokens;

	private final RevocationLog log;

	private final AuditSink audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Duration agentTokenTtl;

	public TaskRevocation(Tasks tasks, DelegatedTokens tokens, RevocationLog log, AuditSink audit,
			TransactionTemplate transactions, Clock clock, Duration agentTokenTtl) {
		this.tasks = tasks;
		this.tokens = tokens;
		this.log = log;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
		this.agentTokenTtl = agentTokenTtl;
	}

	/**
	 * Revokes a task; idempotent (a second call revokes nothing more and answers 0).
	 * @param by who revokes it, for the record (a user id, or {@code client:} and a client id)
	 * @param clientId the client that made the call, or {@code null} for a human's page
	 * @return the task and how many tokens this call revoked
	 */
	public Revocation revoke(Task task, String by, String clientId) {
		return this.transactions.execute((status) -> {
			Instant now = this.clock.instant();
			boolean first = this.tasks.revoke(task.subject(), task.taskId(), by, now);
			int revoked = this.tokens.revokeTask(task.subject(), task.taskId(), now);
			if (first) {
				// every token of the task was issued before now and lives at most the agent TTL
				this.log.append(List.of(RevocationRule.task(task.subject(), task.taskId(), Reason.REVOKED, now,
						now.plus(this.agentTokenTtl))), now);
			}
			this.audit.record(AuditEvent.of("task.revoked", now)
				.decision("revoked", first ? "revoked" : "already_revoked")
				.source("auth-server")
				.client(clientId)
				.chain(List.of(task.subject()))
				.task(task.taskId())
				.detail("by", by)
				.detail("revoked_tokens", Integer.toString(revoked))
				.build());
			return new Revocation(task, revoked);
		});
	}

	/**
	 * Brings a task's deadline forward to {@code deadline} (never later than it was); from then on every token of
	 * the task is refused with reason {@code expired}, including tokens whose {@code exp} is later.
	 * @return the task as it is now
	 */
	public Task shortenDeadline(Task task, Instant deadline, String by, String clientId) {
		return this.transactions.execute((status) -> {
			Instant now = this.clock.instant();
			Instant effective = deadline.isBefore(now) ? now : deadline;
			if (this.tasks.shortenDeadline(task.subject(), task.taskId(), effective)) {
				// tokens issued from now on are capped at the deadline; earlier ones live at most the agent TTL
				this.log.append(List.of(RevocationRule.task(task.subject(), task.taskId(), Reason.EXPIRED, effective,
						now.plus(this.agentTokenTtl))), now);
				this.audit.record(AuditEvent.of("task.deadline", now)
					.decision("restricted", "deadline_set")
					.source("auth-server")
					.client(clientId)
					.chain(List.of(task.subject()))
					.task(task.taskId())
					.detail("by", by)
					.detail("deadline", effective.toString())
					.build());
			}
			return this.tasks.find(task.subject(), task.taskId()).orElse(task);
		});
	}

	/**
	 * The result of revoking a task.
	 *
	 * @param task the task
	 * @param revokedTokens how many unexpired tokens this call revoked
	 */
	public record Revocation(Task task, int revokedTokens) {

	}

}
