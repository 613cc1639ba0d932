package dev.unifiedauth.authserver.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.unifiedauth.authserver.storage.Sha256;

import org.springframework.jdbc.core.JdbcTemplate;

import static dev.unifiedauth.authserver.storage.DbTime.fromDb;
import static dev.unifiedauth.authserver.storage.DbTime.toDb;

/**
 * Remembers refresh tokens that were rotated out, by SHA-256 only, and the grant they belonged to, so that
 * presenting one again is recognised as reuse; and the access token each refresh replaced ({@code jti} and
 * expiry), so that revoking the grant later can name every access token of it that is still live. Thread-safe.
 */
public final class RefreshTokenLineage {

	private final JdbcTemplate jdbc;

	private final Clock clock;

	public RefreshTokenLineage(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * @param accessJti the {@code jti} of the access token the refresh replaced, {@code null} if unknown
	 * @param accessExpiresAt when that access token expires
	 */
	void recordRotated(String refreshToken, String authorizationId, String accessJti, Instant accessExpiresAt) {
		this.jdbc.update("INSERT INTO refresh_token_lineage (token_hash, authorization_id, rotated_at, access_jti,"
				+ " access_expires_at) VALUES (?, ?, ?, ?, ?)", Sha256.hex(refreshToken), authorizationId,
				toDb(this.clock.instant()), accessJti, (accessExpiresAt != null) ? toDb(accessExpiresAt) : null);
	}

	/**
	 * The access tokens of a grant that refreshes replaced and that have not expired at {@code now}: they are still
	 * accepted by resource servers that validate JWTs locally, until the grant's revocation names them.
	 */
	public List<SupersededAccessToken> liveSupersededAccessTokens(String authorizationId, Instant now) {
		return this.jdbc.query("SELECT access_jti, access_expires_at FROM refresh_token_lineage"
				+ " WHERE authorization_id = ? AND access_jti IS NOT NULL AND access_expires_at > ?",
				(rs, row) -> new SupersededAccessToken(rs.getString("access_jti"), fromDb(rs, "access_expires_at")),
				authorizationId, toDb(now));
	}

	/** An access token a refresh replaced: its {@code jti} and expiry. */
	public record SupersededAccessToken(String jti, Instant expiresAt) {
	}

	Optional<String> grantOfRotated(String refreshToken) {
		List<String> ids = this.jdbc.queryForList(
				"SELECT authorization_id FROM refresh_token_lineage WHERE token_hash = ?", String.class,
				Sha256.hex(refreshToken));
		return ids.stream().findFirst();
	}

	/** Forgets rotations older than the longest refresh-token lifetime: such tokens are expired anyway. */
	int forgetOlderThan(Duration age) {
		return this.jdbc.update("DELETE FROM refresh_token_lineage WHERE rotated_at < ?",
				toDb(this.clock.instant().minus(age)));
	}

}
