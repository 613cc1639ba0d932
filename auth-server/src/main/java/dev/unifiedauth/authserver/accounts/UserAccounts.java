package dev.unifiedauth.authserver.accounts;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.unifiedauth.authserver.storage.DbTime.toDb;

/**
 * Users and their roles in {@code user_account} and {@code user_role}. Thread-safe.
 */
@Component
public final class UserAccounts {

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	UserAccounts(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	public Optional<UserAccount> findByEmail(String email) {
		return find("email = ?", UserAccount.normalizeEmail(email));
	}

	public Optional<UserAccount> findById(String id) {
		return find("id = ?", id);
	}

	/**
	 * Enables or disables an account.
	 * @return whether the account exists and changed
	 */
	public boolean setEnabled(String id, boolean enabled) {
		return this.jdbc.update("UPDATE user_account SET enabled = ? WHERE id = ? AND enabled <> ?", enabled, id,
				enabled) == 1;
	}

	/** Every account, ordered by email, at most {@code limit}. */
	public List<UserAccount> list(int limit) {
		return this.jdbc.query("SELECT id, email, display_name, password_hash, enabled FROM user_account"
				+ " ORDER BY email FETCH FIRST ? ROWS ONLY",
				(rs, row) -> new UserAccount(rs.getString("id"), rs.getString("email"), rs.getString("display_name"),
						rs.getString("password_hash"), rs.getBoolean("enabled"), rolesOf(rs.getString("id"))),
				limit);
	}

	/**
	 * Creates the account unless one with the same id exists (also when another node creates it at the same
	 * moment). Another account with the same email is refused.
	 */
	public void createIfAbsent(UserAccount account) {
		try {
			insertIfAbsent(account);
		}
		catch (DuplicateKeyException ex) {
			if (findById(account.id()).isEmpty()) {
				throw ex;
			}
		}
	}

	private void insertIfAbsent(UserAccount account) {
		this.transactions.executeWithoutResult((status) -> {
			if (findById(account.id()).isPresent()) {
				return;
			}
			this.jdbc.update(
					"INSERT INTO user_account (id, email, display_name, password_hash, enabled, created_at)"
							+ " VALUES (?, ?, ?, ?, ?, ?)",
					account.id(), account.email(), account.displayName(), account.passwordHash(), account.enabled(),
					toDb(this.clock.instant()));
			for (String role : account.roles()) {
				this.jdbc.update("INSERT INTO user_role (user_id, role) VALUES (?, ?)", account.id(), role);
			}
		});
	}

	private Optional<UserAccount> find(String condition, String value) {
		List<UserAccount> found = this.jdbc.query(
				"SELECT id, email, display_name, password_hash, enabled FROM user_account WHERE " + condition,
				(rs, row) -> new UserAccount(rs.getString("id"), rs.getString("email"), rs.getString("display_name"),
						rs.getString("password_hash"), rs.getBoolean("enabled"), rolesOf(rs.getString("id"))),
				value);
		return found.stream().findFirst();
	}

	private Set<String> rolesOf(String userId) {
		return new LinkedHashSet<>(this.jdbc.queryForList("SELECT role FROM user_role WHERE user_id = ? ORDER BY role",
				String.class, userId));
	}

}
