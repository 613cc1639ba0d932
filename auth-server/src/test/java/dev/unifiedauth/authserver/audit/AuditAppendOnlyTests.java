package dev.unifiedauth.authserver.audit;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

import com.zaxxer.hikari.HikariDataSource;
import dev.unifiedauth.authserver.testing.DatabaseVendor;
import dev.unifiedauth.core.testing.MutableClock;
import dev.unifiedauth.authserver.testing.OnEveryDatabase;
import dev.unifiedauth.authserver.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Security case F06 on each supported database: the application cannot UPDATE, DELETE or TRUNCATE audit rows
 * ({@code V11__audit_append_only.sql}), neither through its own connection nor as a role holding every table
 * privilege; appending still works.
 */
@OnEveryDatabase
class AuditAppendOnlyTests {

	private static final String[] CHANGES = { "UPDATE audit_event SET reason = 'changed' WHERE seq = 2",
			"DELETE FROM audit_event WHERE seq = 3", "DELETE FROM audit_event", "TRUNCATE TABLE audit_event",
			"UPDATE audit_checkpoint SET hash = 'x'", "DELETE FROM audit_checkpoint",
			"TRUNCATE TABLE audit_checkpoint" };

	private final TestDatabase database;

	@TempDir
	Path directory;

	private AuditStack audit;

	AuditAppendOnlyTests(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void aTrailWithACheckpoint() {
		this.database.reset();
		this.audit = AuditStack.on(this.database, this.directory, new MutableClock(), 5);
		for (int i = 0; i < 5; i++) {
			this.audit.sink.record(AuditEvents.mixed(i));
		}
		assertThat(count("audit_checkpoint")).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2, 3, 4, 5, 6 })
	void changeWhenTheApplicationsConnectionTriesThenRefusedAndNothingChanges(int change) throws SQLException {
		try (Connection connection = this.database.dataSource().getConnection()) {
			assertRefused(connection, CHANGES[change]);
		}

		assertUnchanged();
	}

	@Test
	void changeWhenARoleWithEveryTablePrivilegeTriesThenRefusedAndItCannotSwitchTriggersOff() throws SQLException {
		String role = "ua_app_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
		String password = "app-" + role;
		HikariDataSource pool = (HikariDataSource) this.database.dataSource();
		boolean postgres = this.database.vendor() == DatabaseVendor.POSTGRESQL;
		admin(postgres ? "CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'"
				: "CREATE USER " + role + " PASSWORD '" + password + "'");
		try {
			if (postgres) {
				admin("GRANT USAGE ON SCHEMA public TO " + role);
			}
			admin("GRANT SELECT, INSERT, UPDATE, DELETE ON audit_event TO " + role);
			admin("GRANT SELECT, INSERT, UPDATE, DELETE ON audit_checkpoint TO " + role);
			if (postgres) {
				admin("GRANT TRUNCATE ON audit_event, audit_checkpoint, audit_truncate_guard TO " + role);
			}
			// H2: the database stays open (DB_CLOSE_DELAY, which only an admin may set, was set when it was opened)
			String url = postgres ? pool.getJdbcUrl() : pool.getJdbcUrl().split(";")[0];
			try (Connection app = DriverManager.getConnection(url, role, password)) {
				for (String change : CHANGES) {
					assertRefused(app, change);
				}
				if (postgres) {
					assertRefused(app, "TRUNCATE TABLE audit_event CASCADE");
					// only a superuser may stop ordinary triggers from firing
					assertThatExceptionOfType(SQLException.class).isThrownBy(
							() -> execute(app, "SET session_replication_role = replica"))
						.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("42501"));
					assertThatExceptionOfType(SQLException.class)
						.isThrownBy(() -> execute(app, "ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only"))
						.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("42501"));
				}
				else {
					assertThatExceptionOfType(SQLException.class)
						.isThrownBy(() -> execute(app, "DROP TRIGGER audit_event_append_only"));
				}
			}
		}
		finally {
			if (postgres) {
				admin("DROP OWNED BY " + role);
				admin("DROP ROLE " + role);
			}
			else {
				admin("DROP USER " + role);
			}
		}

		assertUnchanged();
	}

	@Test
	void truncateWhenCascadingOnPostgresqlThenTheTriggerStillRefuses() throws SQLException {
		if (this.database.vendor() == DatabaseVendor.POSTGRESQL) {
			try (Connection connection = this.database.dataSource().getConnection()) {
				assertRefused(connection, "TRUNCATE TABLE audit_event, audit_checkpoint CASCADE");
			}
		}

		assertUnchanged();
	}

	@Test
	void appendWhenTheTriggersAreInPlaceThenItStillWorks() {
		this.audit.sink.record(AuditEvents.mixed(5));

		assertThat(count("audit_event")).isEqualTo(6);
		assertThat(this.audit.verifier.verify().ok()).isTrue();
	}

	private void assertRefused(Connection connection, String change) {
		assertThatExceptionOfType(SQLException.class).as(change).isThrownBy(() -> execute(connection, change))
			.satisfies((ex) -> {
				if (change.startsWith("TRUNCATE") && !change.endsWith("CASCADE")) {
					// refused before any trigger: audit_truncate_guard references the table (H2 has no TRUNCATE
					// trigger at all)
					assertThat(ex.getMessage()).containsIgnoringCase("cannot truncate");
				}
				else {
					assertThat(ex.getMessage()).as(change).contains("append-only");
					assertThat(ex.getSQLState()).isEqualTo("42501");
				}
			});
	}

	private void assertUnchanged() {
		assertThat(count("audit_event")).isEqualTo(5);
		assertThat(count("audit_checkpoint")).isEqualTo(1);
		Verification verification = this.audit.verifier.verify();
		assertThat(verification.ok()).as(verification.report()).isTrue();
	}

	private int count(String table) {
		return this.database.jdbc().queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
	}

	private void admin(String sql) throws SQLException {
		try (Connection connection = this.database.dataSource().getConnection()) {
			execute(connection, sql);
		}
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
