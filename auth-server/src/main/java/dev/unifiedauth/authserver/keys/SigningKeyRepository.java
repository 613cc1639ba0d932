package dev.unifiedauth.authserver.keys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import static dev.unifiedauth.authserver.storage.DbTime.fromDb;
import static dev.unifiedauth.authserver.storage.DbTime.toDb;

/**
 * JDBC access to {@code signing_key}. Thread-safe.
 */
final class SigningKeyRepository {

	private static final String COLUMNS = "kid, algorithm, public_jwk, sealed_private_jwk, created_at, retired_at, publish_until";

	private final JdbcTemplate jdbc;

	SigningKeyRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Every key that is active or still published, newest first. */
	List<StoredSigningKey> findPublished(Instant now) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM signing_key WHERE retired_at IS NULL OR publish_until > ?"
				+ " ORDER BY created_at DESC", SigningKeyRepository::map, toDb(now));
	}

	/**
	 * Takes the cluster-wide key lock until the surrounding transaction ends, so that one node at a time generates
	 * or rotates keys. Unlike locking the active key's row, this works when there is no key yet.
	 */
	void lockKeyGeneration() {
		this.jdbc.query("SELECT id FROM signing_key_lock WHERE id = 1 FOR UPDATE", (rs, row) -> rs.getInt(1));
	}

	/** The active key, locked until the surrounding transaction ends, so that only one node rotates it. */
	Optional<StoredSigningKey> lockActive() {
		return this.jdbc
			.query("SELECT " + COLUMNS + " FROM signing_key WHERE retired_at IS NULL ORDER BY created_at DESC FOR UPDATE",
					SigningKeyRepository::map)
			.stream()
			.findFirst();
	}

	void insert(StoredSigningKey key) {
		this.jdbc.update("INSERT INTO signing_key (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", key.kid(),
				key.algorithm(), key.publicJwk(), key.sealedPrivateJwk(), toDb(key.createdAt()), toDb(key.retiredAt()),
				toDb(key.publishUntil()));
	}

	/** Retires every active key except {@code keep}, wiping its private half. */
	int retireAllExcept(String keep, Instant retiredAt, Instant publishUntil) {
		return this.jdbc.update(
				"UPDATE signing_key SET retired_at = ?, publish_until = ?, sealed_private_jwk = NULL"
						+ " WHERE retired_at IS NULL AND kid <> ?",
				toDb(retiredAt), toDb(publishUntil), keep);
	}

	private static StoredSigningKey map(ResultSet rs, int row) throws SQLException {
		return new StoredSigningKey(rs.getString("kid"), rs.getString("algorithm"), rs.getString("public_jwk"),
				rs.getString("sealed_private_jwk"), fromDb(rs, "created_at"), fromDb(rs, "retired_at"),
				fromDb(rs, "publish_until"));
	}

}
