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

	void record(String jti, DelegationGrant grant, String clientId, String parentJti, String jkt, Instant issuedAt) {
		this.jdbc.update("INSERT INTO delegated_token (jti, subject, task_id, actor_chain, client_id, parent_jti, scope,"
				+ " audience, dpop_jkt, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", jti,
				grant.subject(), grant.task().value(), String.join(" ", grant.chain().actors()), clientId, parentJti,
				String.join(" ", grant.scopes()), String.join(" ", grant.audience()), jkt, toDb(issuedAt),
				toDb(grant.expiresAt()));
	}

	/** The status of a delegated token, if this server issued it. */
	public Optional<Status> status(String jti) {
		List<Status> found = this.jdbc.query(
				"SELECT client_id, expires_at, revoked_at FROM delegated_token WHERE jti = ?",
				(rs, row) -> new Status(rs.getString("client_id"), fromDb(rs, "expires_at"), fromDb(rs, "revoked_at")),
				jti);
		return found.stream().findFirst();
	}

	/** Marks a token revoked; idempotent. */
	public void revoke(String jti, Instant at) {
		this.jdbc.update("UPDATE delegated_token SET revoked_at = ? WHERE jti = ? AND revoked_at IS NULL", toDb(at),
				jti);
	}

	/**
	 * The stored status of one delegated token.
	 *
	 * @param clientId the agent holding it
	 * @param expiresAt its expiry
	 * @param revokedAt when it was revoked, or {@code null}
	 */
	public record Status(String clientId, Instant expiresAt, Instant revokedAt) {

		public boolean activeAt(Instant now) {
			return this.revokedAt == null && this.expiresAt.isAfter(now);
		}

	}

}
