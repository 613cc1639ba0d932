package dev.unifiedauth.authserver.audit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.unifiedauth.core.audit.AuditEvent;
import dev.unifiedauth.core.audit.AuditSink;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records events of this server in the {@link AuditTrail}, as part of the operation they describe: inside a
 * transaction, the entry is appended just before that transaction commits (so the chain's lock is held only for
 * the commit) and an entry that cannot be appended rolls the whole operation back; outside one, it is appended at
 * once in its own. Either way {@link #record} or the commit throws when the entry cannot be written, and the
 * operation fails with it (503, {@code errors.StoreUnavailableFilter}): nothing happens unrecorded. Events get a
 * random {@code event_id}, {@code source} {@value #SOURCE} unless they name one, overlong values clipped and
 * anything shaped like a JWT (a value a client chose may be one) redacted.
 * Thread-safe.
 */
public final class JdbcAuditSink implements AuditSink {

	static final String SOURCE = "auth-server";

	private static final int MAX_DETAIL = 1000;

	private static final Log logger = LogFactory.getLog(JdbcAuditSink.class);

	private final AuditTrail trail;

	private final Checkpoints checkpoints;

	JdbcAuditSink(AuditTrail trail, Checkpoints checkpoints) {
		this.trail = trail;
		this.checkpoints = checkpoints;
	}

	@Override
	public void record(AuditEvent event) {
		AuditTrail.Pending pending = new AuditTrail.Pending(UUID.randomUUID().toString(), sanitized(event));
		AuditEntry.next(1, pending.eventId(), pending.event(), AuditEntry.GENESIS); // a bad event fails here
		if (TransactionSynchronizationManager.isSynchronizationActive()
				&& TransactionSynchronizationManager.isActualTransactionActive()) {
			TransactionSynchronizationManager.registerSynchronization(new AppendBeforeCommit(pending));
			return;
		}
		afterCommit(this.trail.append(List.of(pending), false));
	}

	/**
	 * Appends events delivered by a resource server, in one transaction of their own, skipping those whose id
	 * the trail already has.
	 * @return how many were new
	 */
	int ingest(List<AuditTrail.Pending> events) {
		List<AuditEntry> appended = this.trail.append(events, true);
		afterCommit(appended);
		return appended.size();
	}

	private void afterCommit(List<AuditEntry> appended) {
		if (appended.isEmpty()) {
			return;
		}
		try {
			this.checkpoints.afterCommit(appended.get(0).seq(), appended.get(appended.size() - 1).seq());
		}
		catch (RuntimeException ex) {
			// the entries are committed; the timer checkpoints the head later
			logger.warn("Could not checkpoint the audit trail after seq " + appended.get(appended.size() - 1).seq(), ex);
		}
	}

	private static AuditEvent sanitized(AuditEvent event) {
		Map<String, String> details = new TreeMap<>();
		event.details().forEach((name, value) -> details.put(clip(name, AuditEntry.MAX_SHORT), clip(value, MAX_DETAIL)));
		return new AuditEvent(event.time(), clip(event.type(), AuditEntry.MAX_SHORT),
				clip(event.decision(), AuditEntry.MAX_SHORT), clip(event.reason(), AuditEntry.MAX_TEXT),
				(event.source() != null) ? clip(event.source(), AuditEntry.MAX_TEXT) : SOURCE,
				clip(event.clientId(), AuditEntry.MAX_TEXT),
				event.chain().stream().map((actor) -> clip(actor, AuditEntry.MAX_TEXT)).toList(),
				clip(event.taskId(), AuditEntry.MAX_TEXT), clip(event.resource(), AuditEntry.MAX_SHORT),
				clip(event.action(), AuditEntry.MAX_SHORT), clip(event.jti(), AuditEntry.MAX_TEXT), details);
	}

	/** Never a token (a value a client chose may look like one), never longer than its column. */
	private static String clip(String value, int max) {
		String safe = AuditEntry.redactTokens(value);
		return (safe != null && safe.length() > max) ? safe.substring(0, max - 1) + "…" : safe;
	}

	/** Appends one event as the last statement of the transaction it was recorded in. */
	private final class AppendBeforeCommit implements TransactionSynchronization {

		private final AuditTrail.Pending pending;

		private List<AuditEntry> appended = List.of();

		AppendBeforeCommit(AuditTrail.Pending pending) {
			this.pending = pending;
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			// an exception here rolls the transaction back and reaches whoever committed it
			this.appended = JdbcAuditSink.this.trail.append(List.of(this.pending), false);
		}

		@Override
		public void afterCommit() {
			JdbcAuditSink.this.afterCommit(this.appended);
		}

	}

}
