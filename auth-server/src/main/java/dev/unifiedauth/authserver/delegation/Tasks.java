package dev.unifiedauth.authserver.delegation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.unifiedauth.authserver.storage.DbTime.fromDb;
import static dev.unifiedauth.authserver.storage.DbTime.toDb;

/**
 * The task register ({@code agent_task}). A task is keyed by the human and the task id, so that two users' tasks
 * never collide. Thread-safe.
 */
public final class Tasks {

	private static final String COLUMNS = "subject, task_id, started_by, created_at, deadline, revoked_at,"
			+ " revoked_by";

	private final JdbcTemplate jdbc;

	public Tasks(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Task> find(String subject, String taskId) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM agent_task WHERE subject = ? AND task_id = ?",
				Tasks::task, subject, taskId).stream().findFirst();
	}

	/**
	 * The task, started now by {@code startedBy} with {@code deadline} if it did not exist yet.
	 */
	public Joined findOrStart(String subject, String taskId, String startedBy, Instant deadline, Instant now) {
		Optional<Task> existing = find(subject, taskId);
		if (existing.isPresent()) {
			return new Joined(existing.get(), false);
		}
		try {
			int inserted = this.jdbc.update("INSERT INTO agent_task (subject, task_id, started_by, created_at,"
					+ " deadline) SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM agent_task WHERE subject = ?"
					+ " AND task_id = ?)", subject, taskId, startedBy, toDb(now), toDb(deadline), subject, taskId);
			if (inserted == 1) {
				return new Joined(new Task(subject, taskId, startedBy, now, deadline, null, null), true);
			}
		}
		catch (DuplicateKeyException ex) {
			// started by a concurrent exchange between the check and the insert; read what it wrote
		}
		return new Joined(find(subject, taskId).orElseThrow(), false);
	}

	/**
	 * Marks the task revoked; idempotent.
	 * @return whether this call revoked it
	 */
	public boolean revoke(String subject, String taskId, String by, Instant at) {
		return this.jdbc.update("UPDATE agent_task SET revoked_at = ?, revoked_by = ? WHERE subject = ?"
				+ " AND task_id = ? AND revoked_at IS NULL", toDb(at), by, subject, taskId) == 1;
	}

	/**
	 * Moves the deadline to {@code deadline} if that is earlier than the current one (a deadline only ever comes
	 * closer).
	 * @return whether it moved
	 */
	public boolean shortenDeadline(String subject, String taskId, Instant deadline) {
		return this.jdbc.update("UPDATE agent_task SET deadline = ? WHERE subject = ? AND task_id = ?"
				+ " AND revoked_at IS NULL AND (deadline IS NULL OR deadline > ?)", toDb(deadline), subject, taskId,
				toDb(deadline)) == 1;
	}

	/** The most recent tasks of one human, newest first. */
	public List<Task> ofSubject(String subject, int limit) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM agent_task WHERE subject = ?"
				+ " ORDER BY created_at DESC FETCH FIRST ? ROWS ONLY", Tasks::task, subject, limit);
	}

	/** The most recent tasks of everyone, newest first. */
	public List<Task> recent(int limit) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM agent_task ORDER BY created_at DESC FETCH FIRST ? ROWS ONLY",
				Tasks::task, limit);
	}

	/**
	 * The task an exchange joined.
	 *
	 * @param task the task
	 * @param started whether this exchange started it
	 */
	public record Joined(Task task, boolean started) {

	}

	private static Task task(ResultSet rs, int row) throws SQLException {
		return new Task(rs.getString("subject"), rs.getString("task_id"), rs.getString("started_by"),
				fromDb(rs, "created_at"), fromDb(rs, "deadline"), fromDb(rs, "revoked_at"), rs.getString("revoked_by"));
	}

}
