package dev.unifiedauth.authserver.audit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import com.zaxxer.hikari.HikariDataSource;
import dev.unifiedauth.authserver.testing.DatabaseVendor;
import dev.unifiedauth.core.testing.MutableClock;
import dev.unifiedauth.authserver.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AuditVerifyCommand}: configured like the server (datasource, key file, exported file as arguments), it
 * prints one line and exits 0 for a trail that verifies, 1 for one that does not or cannot be read.
 */
class AuditVerifyCommandTests {

	@TempDir
	Path directory;

	@Test
	void runWhenTheTrailVerifiesThenStatusZeroAndTheReport() {
		String url = h2Trail(30);

		Outcome outcome = run(url);

		assertThat(outcome.status()).as(outcome.output()).isZero();
		assertThat(outcome.output()).startsWith("Audit trail OK: 30 entries, 3 checkpoints, 3 exported checkpoints");
	}

	@Test
	void runWhenAnEntryWasEditedThenStatusOneNamingTheSeq() throws SQLException {
		String url = h2Trail(30);
		try (HikariDataSource tamper = pool(url); Connection connection = tamper.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("DROP TRIGGER audit_event_append_only");
			statement.execute("UPDATE audit_event SET decision = 'allowed' WHERE seq = 12");
		}

		Outcome outcome = run(url);

		assertThat(outcome.status()).isEqualTo(1);
		assertThat(outcome.output()).startsWith("Audit trail FAILED at seq 12: value changed");
	}

	@Test
	void runWhenThereIsNoCheckpointKeyThenStatusOneAndNoKeyIsCreated() {
		String url = h2Trail(3);

		Outcome outcome = run(url, "--unified-auth.audit.checkpoint-key-file=" + this.directory.resolve("absent.key"));

		assertThat(outcome.status()).isEqualTo(1);
		assertThat(outcome.output()).startsWith("Audit trail UNREADABLE: ").contains("absent.key");
		assertThat(this.directory.resolve("absent.key")).doesNotExist();
	}

	@Test
	void runWhenTheDatabaseHasNoTrailThenStatusOne() {
		Outcome outcome = run("jdbc:h2:mem:empty-" + System.nanoTime());

		assertThat(outcome.status()).isEqualTo(1);
		assertThat(outcome.output()).startsWith("Audit trail UNREADABLE: ");
	}

	@Test
	void runWhenOnPostgresqlThenTheSameCommandVerifies() {
		try (TestDatabase database = TestDatabase.migrated(DatabaseVendor.POSTGRESQL)) {
			AuditStack stack = AuditStack.on(database, this.directory, new MutableClock(), 10);
			for (int i = 0; i < 25; i++) {
				stack.sink.record(AuditEvents.mixed(i));
			}
			HikariDataSource pool = (HikariDataSource) database.dataSource();

			Outcome outcome = run(pool.getJdbcUrl(), "--spring.datasource.username=" + pool.getUsername(),
					"--spring.datasource.password=" + pool.getPassword());

			assertThat(outcome.status()).as(outcome.output()).isZero();
			assertThat(outcome.output()).startsWith("Audit trail OK: 25 entries, 2 checkpoints");
		}
	}

	/** An H2 file database with {@code count} entries and a checkpoint every 10, as a server would leave it. */
	private String h2Trail(int count) {
		String url = "jdbc:h2:file:" + this.directory.resolve("unified-auth") + ";WRITE_DELAY=0";
		Flyway.configure().dataSource(url, "sa", "").locations(DatabaseVendor.H2.migrations()).load().migrate();
		try (HikariDataSource dataSource = pool(url)) {
			AuditStack stack = AuditStack.on(dataSource, this.directory, new MutableClock(), 10);
			for (int i = 0; i < count; i++) {
				stack.sink.record(AuditEvents.mixed(i));
			}
		}
		return url;
	}

	private Outcome run(String url, String... more) {
		String[] args = new String[3 + more.length];
		args[0] = "--spring.datasource.url=" + url;
		args[1] = "--unified-auth.audit.checkpoint-key-file=" + this.directory.resolve("audit-checkpoint.key");
		args[2] = "--unified-auth.audit.checkpoint-export-file=" + this.directory.resolve("audit-checkpoints.jsonl");
		System.arraycopy(more, 0, args, 3, more.length);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		int status = AuditVerifyCommand.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
		return new Outcome(status, bytes.toString(StandardCharsets.UTF_8).trim());
	}

	private static HikariDataSource pool(String url) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(url);
		dataSource.setUsername("sa");
		dataSource.setPassword("");
		return dataSource;
	}

	private record Outcome(int status, String output) {
	}

}
