package dev.unifiedauth.authserver.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import dev.unifiedauth.core.audit.AuditEvent;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.unifiedauth.authserver.storage.DbTime.fromDb;
import static dev.unifiedauth.authserver.storage.DbTime.toDb;

/**
 * The audit trail in the database ({@code audit_event}, {@code audit_head}). Appends lock the head row
 * ({@code SELECT ... FOR UPDATE}) inside the appending transaction, so that appends of every node are serialised
 * as by a single sequencer (the Trillian model): {@code seq} is contiguous and every entry chains to exactly the
 * one before it. The lock is held until that transaction ends, so callers append last, just before commit.
 * Rows are never updated or deleted (the database refuses it, {@code V11__audit_append_only.sql}). Thread-safe.
 */
final class AuditTrail {

	private static final String COLUMNS = "seq, event_id, event_time, type, decision, reason, source, client_id, chain,"
			+ " chain_root, task_id, resource, action, jti, details, prev_hash, hash";

	private static final int FETCH_SIZE = 500;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final TransactionTemplate readOnly;

	AuditTrail(JdbcTemplate jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
		this.readOnly.setReadOnly(true);
		this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Appends {@code events} in order, in the current transaction or a new one.
	 * @param deduplicate skip events whose id is already in the trail (or earlier in {@code events}), for
	 * deliveries that may be retries; otherwise a repeated id fails the append
	 * @return the entries appended
	 * @throws IllegalArgumentException if an event cannot be an entry (too large, holds a token)
	 */
	List<AuditEntry> append(List<Pending> events, boolean deduplicate) {
		return this.transactions.execute((status) -> appendLocked(events, deduplicate));
	}

	private List<AuditEntry> appendLocked(List<Pending> events, boolean deduplicate) {
		Head head = this.jdbc.queryForObject("SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE",
				(rs, row) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash")));
		long seq = head.seq();
		String prevHash = head.hash();
		List<AuditEntry> appended = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (Pending pending : events) {
			if (deduplicate && (!seen.add(pending.eventId()) || contains(pending.eventId()))) {
				continue;
			}
			AuditEntry entry = AuditEntry.next(seq + 1, pending.eventId(), pending.event(), prevHash);
			insert(entry);
			appended.add(entry);
			seq = entry.seq();
			prevHash = entry.hash();
		}
		if (!appended.isEmpty()) {
			this.jdbc.update("UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1", seq, prevHash);
		}
		return appended;
	}

	private boolean contains(String eventId) {
		Integer count = this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_id = ?", Integer.class,
				eventId);
		return count != null && count > 0;
	}

	private void insert(AuditEntry entry) {
		AuditEvent event = entry.event();
		this.jdbc.update("INSERT INTO audit_event (" + COLUMNS + ")"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				entry.seq(), entry.eventId(), toDb(event.time()), event.type(), event.decision(), event.reason(),
				event.source(), event.clientId(), Jcs.canonical(event.chain()), entry.chainRoot(), event.taskId(),
				event.resource(), event.action(), event.jti(), Jcs.canonical(event.details()), entry.prevHash(),
				entry.hash());
	}

	/** The end of the chain as the head row records it. */
	Head head() {
		return this.jdbc.queryForObject("SELECT last_seq, last_hash FROM audit_head WHERE id = 1",
				(rs, row) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash")));
	}

	/** The stored hash of entry {@code seq}, if there is one. */
	Optional<String> hashAt(long seq) {
		return this.jdbc.queryForList("SELECT hash FROM audit_event WHERE seq = ?", String.class, seq)
			.stream()
			.findFirst();
	}

	/** The signed checkpoints in the database, in {@code seq} order. */
	List<Checkpoint> checkpoints() {
		return this.jdbc.query("SELECT seq, hash, created_at, key_id, signature FROM audit_checkpoint ORDER BY seq",
				(rs, row) -> new Checkpoint(rs.getLong("seq"), rs.getString("hash"), fromDb(rs, "created_at"),
						rs.getString("key_id"), rs.getString("signature")));
	}

	/** Every row in {@code seq} order, as stored, streamed (for the verifier). */
	void scan(Consumer<StoredEntry> consumer) {
		this.readOnly.executeWithoutResult((status) -> {
			JdbcTemplate streaming = new JdbcTemplate(this.jdbc.getDataSource());
			streaming.setFetchSize(FETCH_SIZE);
			streaming.query("SELECT " + COLUMNS + " FROM audit_event ORDER BY seq",
					(ResultSet rs) -> consumer.accept(read(rs)));
		});
	}

	/** One page of entries, and whether more follow. */
	Page find(AuditQuery query) {
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_event WHERE 1 = 1");
		List<Object> arguments = new ArrayList<>();
		if (query.root() != null) {
			sql.append(" AND chain_root = ?");
			arguments.add(query.root());
		}
		if (query.actor() != null) {
			// the chain column is a JSON array: the quoted id matches exactly one member, never a prefix
			sql.append(" AND (client_id = ? OR chain LIKE ? ESCAPE '!')");
			arguments.add(query.actor());
			arguments.add("%" + likeLiteral(Jcs.quote(query.actor())) + "%");
		}
		if (query.type() != null) {
			sql.append(" AND type = ?");
			arguments.add(query.type());
		}
		if (query.task() != null) {
			sql.append(" AND task_id = ?");
			arguments.add(query.task());
		}
		sql.append(" ORDER BY seq ").append(query.ascending() ? "ASC" : "DESC").append(" LIMIT ? OFFSET ?");
		arguments.add(query.size() + 1);
		arguments.add(query.offset());
		List<AuditEntry> rows = new ArrayList<>();
		this.jdbc.query(sql.toString(), (ResultSet rs) -> {
			rows.add(read(rs).entry());
		}, arguments.toArray());
		boolean more = rows.size() > query.size();
		return new Page(more ? rows.subList(0, query.size()) : rows, more);
	}

	private static StoredEntry read(ResultSet rs) throws SQLException {
		String unreadable = null;
		List<String> chain = List.of();
		Map<String, String> details = Map.of();
		try {
			chain = AuditJson.strings(AuditJson.parse(rs.getString("chain")), "chain");
		}
		catch (IllegalArgumentException ex) {
			unreadable = "chain is not a JSON array of strings";
		}
		try {
			details = AuditJson.stringMap(AuditJson.parse(rs.getString("details")), "details");
		}
		catch (IllegalArgumentException ex) {
			unreadable = "details is not a JSON object of strings";
		}
		AuditEvent event = new AuditEvent(fromDb(rs, "event_time"), rs.getString("type"), rs.getString("decision"),
				rs.getString("reason"), rs.getString("source"), rs.getString("client_id"), chain,
				rs.getString("task_id"), rs.getString("resource"), rs.getString("action"), rs.getString("jti"),
				details);
		AuditEntry entry = new AuditEntry(rs.getLong("seq"), rs.getString("event_id"), event,
				rs.getString("prev_hash"), rs.getString("hash"));
		return new StoredEntry(entry, rs.getString("chain_root"), unreadable);
	}

	private static String likeLiteral(String value) {
		return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
	}

	/**
	 * An event waiting to be appended.
	 *
	 * @param eventId its unique id
	 * @param event the event
	 */
	record Pending(String eventId, AuditEvent event) {
	}

	/**
	 * The end of the chain.
	 *
	 * @param seq the last entry's seq, 0 when the trail is empty
	 * @param hash the last entry's hash, {@link AuditEntry#GENESIS} when the trail is empty
	 */
	record Head(long seq, String hash) {
	}

	/**
	 * A row as stored.
	 *
	 * @param entry its members (chain and details empty if they could not be read)
	 * @param chainRoot the stored {@code chain_root} column, which must be the chain's first member
	 * @param unreadable what could not be read, or {@code null}
	 */
	record StoredEntry(AuditEntry entry, String chainRoot, String unreadable) {
	}

	/**
	 * One page of a query.
	 *
	 * @param entries the entries of the page
	 * @param more whether another page follows
	 */
	record Page(List<AuditEntry> entries, boolean more) {
	}

}
