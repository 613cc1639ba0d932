package dev.unifiedauth.authserver.approvals;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import static dev.unifiedauth.authserver.storage.DbTime.fromDb;
import static dev.unifiedauth.authserver.storage.DbTime.toDb;

/**
 * Approvals in the {@code approval} table. Every state change is a conditional update, so that of two nodes (or
 * two requests) only one approves, denies or uses an approval. Thread-safe.
 */
public final class Approvals {

	private static final String COLUMNS = "id, subject, task_id, actor, actor_chain, resource, action, target,"
			+ " requested_by, token_jti, status, created_at, expires_at, decided_by, decided_as, decided_at, used_at";

	private final JdbcTemplate jdbc;

	public Approvals(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Approval approval) {
		this.jdbc.update("INSERT INTO approval (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				approval.id(), approval.subject(), approval.taskId(), approval.actor(), String.join(" ", approval.chain()),
				approval.resource(), approval.action(), approval.target(), approval.requestedBy(), approval.tokenJti(),
				approval.status().name(), toDb(approval.createdAt()), toDb(approval.expiresAt()), approval.decidedBy(),
				approval.decidedAs(), toDb(approval.decidedAt()), toDb(approval.usedAt()));
	}

	public Optional<Approval> find(String id) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM approval WHERE id = ?", Approvals::map, id).stream().findFirst();
	}

	/** The newest approval of exactly this operation that has not lapsed and was not used. */
	Optional<Approval> findLive(String subject, String taskId, String actor, String resource, String action,
			String target, Instant now) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM approval WHERE subject = ? AND task_id = ? AND actor = ?"
				+ " AND resource = ? AND action = ? AND target = ? AND status <> 'USED' AND expires_at > ?"
				+ " ORDER BY created_at DESC", Approvals::map, subject, taskId, actor, resource, action, target, toDb(now))
			.stream()
			.findFirst();
	}

	/** Pending approvals, newest first, of one human, or of everyone when {@code subject} is {@code null}. */
	List<Approval> pending(String subject, Instant now, int limit) {
		String where = "status = 'PENDING' AND expires_at > ?" + ((subject != null) ? " AND subject = ?" : "");
		Object[] arguments = (subject != null) ? new Object[] { toDb(now), subject } : new Object[] { toDb(now) };
		List<Approval> found = this.jdbc.query("SELECT " + COLUMNS + " FROM approval WHERE " + where
				+ " ORDER BY created_at DESC", Approvals::map, arguments);
		return found.subList(0, Math.min(limit, found.size()));
	}

	/** Moves a live pending approval to APPROVED or DENIED; {@code false} if it is no longer pending. */
	boolean decide(String id, Approval.Status outcome, String decidedBy, String decidedAs, Instant now,
			Instant expiresAt) {
		return this.jdbc.update("UPDATE approval SET status = ?, decided_by = ?, decided_as = ?, decided_at = ?,"
				+ " expires_at = ? WHERE id = ? AND status = 'PENDING' AND expires_at > ?", outcome.name(), decidedBy,
				decidedAs, toDb(now), toDb(expiresAt), id, toDb(now)) == 1;
	}

	/** Uses a live approved approval; {@code false} if another request used it first, or it lapsed. */
	boolean use(String id, Instant now) {
		return this.jdbc.update("UPDATE approval SET status = 'USED', used_at = ? WHERE id = ? AND status = 'APPROVED'"
				+ " AND expires_at > ?", toDb(now), id, toDb(now)) == 1;
	}

	private static Approval map(ResultSet rs, int row) throws SQLException {
		return new Approval(rs.getString("id"), rs.getString("subject"), rs.getString("task_id"), rs.getString("actor"),
				Approval.splitChain(rs.getString("actor_chain")), rs.getString("resource"), rs.getString("action"),
				rs.getString("target"), rs.getString("requested_by"), rs.getString("token_jti"),
				Approval.Status.valueOf(rs.getString("status")), fromDb(rs, "created_at"), fromDb(rs, "expires_at"),
				rs.getString("decided_by"), rs.getString("decided_as"), fromDb(rs, "decided_at"), fromDb(rs, "used_at"));
	}

}
