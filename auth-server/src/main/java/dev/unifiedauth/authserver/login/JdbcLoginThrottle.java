package dev.unifiedauth.authserver.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.unifiedauth.authserver.UnifiedAuthProperties;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.unifiedauth.authserver.storage.DbTime.fromDb;
import static dev.unifiedauth.authserver.storage.DbTime.toDb;

/**
 * {@link LoginThrottle} on the {@code login_throttle} table. After {@code maxFailures} failures within the
 * maximum lock period the account is locked for {@code lockout}, doubling with each further failure up to
 * {@code maxLockout}; a failure-free period of {@code maxLockout} forgets the count. Thread-safe.
 */
final class JdbcLoginThrottle implements LoginThrottle {

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final UnifiedAuthProperties.Login policy;

	JdbcLoginThrottle(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock,
			UnifiedAuthProperties.Login policy) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.policy = policy;
	}

	@Override
	public Optional<Instant> lockedUntil(String accountKey) {
		List<Instant> locks = this.jdbc.query("SELECT locked_until FROM login_throttle WHERE account_key = ?",
				(rs, row) -> fromDb(rs, "locked_until"), accountKey);
		Instant now = this.clock.instant();
		return locks.stream().filter((until) -> until != null && until.isAfter(now)).findFirst();
	}

	@Override
	public void recordFailure(String accountKey) {
		try {
			this.transactions.executeWithoutResult((status) -> recordFailureLocked(accountKey));
		}
		catch (DuplicateKeyException ex) {
			// another node inserted the first failure at the same moment: count on its row
			this.transactions.executeWithoutResult((status) -> recordFailureLocked(accountKey));
		}
	}

	private void recordFailureLocked(String accountKey) {
		Instant now = this.clock.instant();
		List<Integer> rows = this.jdbc.query(
				"SELECT failures, last_failure_at FROM login_throttle WHERE account_key = ? FOR UPDATE",
				(rs, row) -> stillCounting(fromDb(rs, "last_failure_at"), now) ? rs.getInt("failures") : 0,
				accountKey);
		if (rows.isEmpty()) {
			this.jdbc.update(
					"INSERT INTO login_throttle (account_key, failures, last_failure_at, locked_until) VALUES (?, ?, ?, ?)",
					accountKey, 1, toDb(now), toDb(lockUntil(1, now)));
			return;
		}
		int failures = rows.get(0) + 1;
		this.jdbc.update(
				"UPDATE login_throttle SET failures = ?, last_failure_at = ?, locked_until = ? WHERE account_key = ?",
				failures, toDb(now), toDb(lockUntil(failures, now)), accountKey);
	}

	@Override
	public void recordSuccess(String accountKey) {
		this.jdbc.update("DELETE FROM login_throttle WHERE account_key = ?", accountKey);
	}

	private boolean stillCounting(Instant lastFailure, Instant now) {
		return lastFailure != null && lastFailure.plus(this.policy.maxLockout()).isAfter(now);
	}

	private Instant lockUntil(int failures, Instant now) {
		if (failures < this.policy.maxFailures()) {
			return null;
		}
		int doublings = Math.min(failures - this.policy.maxFailures(), 20);
		Duration lock = this.policy.lockout().multipliedBy(1L << doublings);
		if (lock.compareTo(this.policy.maxLockout()) > 0) {
			lock = this.policy.maxLockout();
		}
		return now.plus(lock);
	}

}
