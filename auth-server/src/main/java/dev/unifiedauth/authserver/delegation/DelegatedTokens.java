package dev.unifiedauth.authserver.delegation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.unifiedauth.core.token.DelegationGrant;

import org.springframework.jdbc.core.JdbcTemplate;

import static dev.unifiedauth.authserver.storage.DbTime.fromDb;
import static dev.unifiedauth.authserver.storage.DbTime.toDb;

/**
 * The register of tokens issued by token exchange ({@code delegated_token}): one row per token, written once
 * when it is issued (never the token itself). Thread-safe.
 */
public final class DelegatedTokens {

	private final JdbcTemplate jdbc;

	public DelegatedTokens(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	void record(String jti, DelegationGrant grant, String clientId, String parentJti, String rootGrant, String jkt,
			Instant issuedAt) {
		this.jdbc.update("INSERT INTO delegated_token (jti, subject, task_id, actor_chain, client_id, parent_jti,"
				+ " root_grant, scope, audience, dpop_jkt, issued_at, expires_at)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", jti, grant.subject(), grant.task().value(),
				String.join(" ", grant.chain().actors()), clientId, parentJti, rootGrant,
				String.join(" ", grant.scopes()), String.join(" ", grant.audience()), jkt, toDb(issuedAt),
				toDb(grant.expiresAt()));
	}

	/** The status of a delegated token, if this server issued it. */
	public Optional<Status> status(String jti) {
		List<Status> found = this.jdbc.query(
				"SELECT client_id, root_grant, expires_at, revoked_at FROM delegated_token WHERE jti = ?",
				(rs, row) -> new Status(rs.getString("client_id"), rs.getString("root_grant"),
						fromDb(rs, "expires_at"), fromDb(rs, "revoked_at")),
				jti);
		return found.stream().findFirst();
	}

	/**
	 * Revokes a token and every token exchanged from it, at any depth; idempotent.
	 * @return the tokens this call revoked that had not expired yet
	 */
	public List<Revoked> revokeWithDescendants(String jti, Instant at) {
		return revoke("WITH RECURSIVE lineage (jti) AS (SELECT jti FROM delegated_token WHERE jti = ?"
				+ " UNION ALL SELECT t.jti FROM delegated_token t JOIN lineage l ON t.parent_jti = l.jti)"
				+ " SELECT d.jti, d.expires_at FROM delegated_token d JOIN lineage l ON d.jti = l.jti"
				+ " WHERE d.revoked_at IS NULL AND d.expires_at > ?", at, jti, toDb(at));
	}

	/**
	 * Revokes every agent token rooted in one grant of a human (a Spring authorization); idempotent.
	 * @return the tokens this call revoked that had not expired yet
	 */
	public List<Revoked> revokeRootedIn(String rootGrant, Instant at) {
		return revoke("SELECT jti, expires_at FROM delegated_token WHERE root_grant = ? AND revoked_at IS NULL"
				+ " AND expires_at > ?", at, rootGrant, toDb(at));
	}

	/**
	 * Revokes every unexpired token of a human's task, at every depth; idempotent.
	 * @return how many tokens this call revoked
	 */
	public int revokeTask(String subject, String taskId, Instant at) {
		return this.jdbc.update("UPDATE delegated_token SET revoked_at = ? WHERE subject = ? AND task_id = ?"
				+ " AND revoked_at IS NULL AND expires_at > ?", toDb(at), subject, taskId, toDb(at));
	}

	/** How many tokens of a human's task are still usable. */
	public int liveTokensOfTask(String subject, String taskId, Instant now) {
		Integer count = this.jdbc.queryForObject("SELECT COUNT(*) FROM delegated_token WHERE subject = ?"
				+ " AND task_id = ? AND revoked_at IS NULL AND expires_at > ?", Integer.class, subject, taskId,
				toDb(now));
		return (count != null) ? count : 0;
	}

	private List<Revoked> revoke(String select, Instant at, Object... arguments) {
		List<Revoked> live = this.jdbc.query(select,
				(rs, row) -> new Revoked(rs.getString("jti"), fromDb(rs, "expires_at")), arguments);
		for (Revoked token : live) {
			this.jdbc.update("UPDATE delegated_token SET revoked_at = ? WHERE jti = ? AND revoked_at IS NULL",
					toDb(at), token.jti());
		}
		return live;
	}

	/**
	 * A token revoked by a call.
	 *
	 * @param jti its identifier
	 * @param expiresAt when it would have expired
	 */
	public record Revoked(String jti, Instant expiresAt) {

	}

	/**
	 * The stored status of one delegated token.
	 *
	 * @param clientId the agent holding it
	 * @param rootGrant the human grant (Spring authorization id) it descends from
	 * @param expiresAt its expiry
	 * @param revokedAt when it was revoked, or {@code null}
	 */
	public record Status(String clientId, String rootGrant, Instant expiresAt, Instant revokedAt) {

		public boolean activeAt(Instant now) {
			return this.revokedAt == null && this.expiresAt.isAfter(now);
		}

	}

}
