package dev.unifiedauth.authserver.accounts;

import java.time.Instant;
import java.util.Set;

import dev.unifiedauth.authserver.storage.DbTime;
import dev.unifiedauth.core.testing.MutableClock;
import dev.unifiedauth.authserver.testing.OnEveryDatabase;
import dev.unifiedauth.authserver.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link UserAccounts} on each supported database.
 */
@OnEveryDatabase
class UserAccountsTests {

	private final TestDatabase database;

	private final MutableClock clock = new MutableClock();

	private UserAccounts accounts;

	UserAccountsTests(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void freshlyMigratedDatabase() {
		this.database.reset();
		this.accounts = new UserAccounts(this.database.jdbc(), this.database.transactions(), this.clock);
	}

	@Test
	void createIfAbsentWhenNewThenEveryFieldAndRoleReadsBack() {
		this.accounts.createIfAbsent(carol(Set.of("admin", "viewer")));

		assertThat(this.accounts.findById("usr-carol-003")).hasValueSatisfying((carol) -> {
			assertThat(carol.email()).isEqualTo("carol@example.com");
			assertThat(carol.displayName()).isEqualTo("Carol Example");
			assertThat(carol.passwordHash()).isEqualTo("{argon2}hash");
			assertThat(carol.enabled()).isTrue();
			assertThat(carol.roles()).containsExactlyInAnyOrder("admin", "viewer");
		});
		Instant createdAt = this.database.jdbc()
			.query("SELECT created_at FROM user_account WHERE id = 'usr-carol-003'",
					(rs, row) -> DbTime.fromDb(rs, "created_at"))
			.get(0);
		assertThat(createdAt).isEqualTo(MutableClock.START);
	}

	@Test
	void findByEmailWhenCaseAndSpacesDifferThenFindsTheAccount() {
		this.accounts.createIfAbsent(carol(Set.of("viewer")));

		assertThat(this.accounts.findByEmail("  Carol@EXAMPLE.com ")).map(UserAccount::id).hasValue("usr-carol-003");
		assertThat(this.accounts.findByEmail("carol@example.org")).isEmpty();
		assertThat(this.accounts.findByEmail(null)).isEmpty();
	}

	@Test
	void createIfAbsentWhenIdExistsThenKeepsTheStoredAccount() {
		this.accounts.createIfAbsent(carol(Set.of("viewer")));

		this.accounts.createIfAbsent(new UserAccount("usr-carol-003", "other@example.com", "Other", "{argon2}other",
				false, Set.of("admin")));

		UserAccount stored = this.accounts.findById("usr-carol-003").orElseThrow();
		assertThat(stored.email()).isEqualTo("carol@example.com");
		assertThat(stored.enabled()).isTrue();
		assertThat(stored.roles()).containsExactly("viewer");
		assertThat(this.database.jdbc().queryForObject("SELECT COUNT(*) FROM user_account", Integer.class)).isOne();
	}

	@Test
	void createIfAbsentWhenEmailTakenByAnotherIdThenRefusedAndNothingIsStored() {
		this.accounts.createIfAbsent(carol(Set.of("viewer")));

		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.accounts.createIfAbsent(
					new UserAccount("usr-imposter-9", "CAROL@example.com", "Imposter", "{argon2}x", true, Set.of("admin"))));

		assertThat(this.accounts.findById("usr-imposter-9")).isEmpty();
		assertThat(this.database.jdbc().queryForObject("SELECT COUNT(*) FROM user_role WHERE user_id = 'usr-imposter-9'",
				Integer.class)).isZero();
	}

	@Test
	void findByIdWhenDisabledWithoutRolesThenReadsBackDisabledWithNoRoles() {
		this.accounts.createIfAbsent(new UserAccount("usr-dan-004", "dan@example.com", "Dan", "{argon2}d", false, Set.of()));

		UserAccount dan = this.accounts.findById("usr-dan-004").orElseThrow();

		assertThat(dan.enabled()).isFalse();
		assertThat(dan.roles()).isEmpty();
	}

	private static UserAccount carol(Set<String> roles) {
		return new UserAccount("usr-carol-003", "Carol@Example.com", "Carol Example", "{argon2}hash", true, roles);
	}

}
