package dev.unifiedauth.authserver.token;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.unifiedauth.authserver.storage.Sha256;

import org.springframework.jdbc.core.JdbcTemplate;

import static dev.unifiedauth.authserver.storage.DbTime.toDb;

/**
 * Remembers refresh tokens that were rotated out, by SHA-256 only, and the grant they belonged to, so that
 * presenting one again is recognised as reuse. Thread-safe.
 */
public final class RefreshTokenLineage {

	private final JdbcTemplate jdbc;

	private final Clock clock;

	public RefreshTokenLineage(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void recordRotated(String refreshToken, String authorizationId) {
		this.jdbc.update("INSERT INTO refresh_token_lineage (token_hash, authorization_id, rotated_at) VALUES (?, ?, ?)",
				Sha256.hex(refreshToken), authorizationId, toDb(this.clock.instant()));
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
