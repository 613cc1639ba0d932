package dev.unifiedauth.authserver.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import dev.unifiedauth.authserver.testing.DatabaseVendor;
import dev.unifiedauth.authserver.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security case F08: a node appending to the trail is killed with SIGKILL mid-stream; another process continues on
 * the same database, key and exported file, and the whole trail verifies across the crash. On an H2 file database
 * (the default deployment) and on PostgreSQL.
 */
class AuditRestartTests {

	@TempDir
	Path directory;

	@Test
	void appendWhenTheAppendingProcessIsKilledOnAnH2FileDatabaseThenAnotherContinuesAndTheTrailVerifies()
			throws Exception {
		String url = "jdbc:h2:file:" + this.directory.resolve("db/unified-auth") + ";WRITE_DELAY=0;FILE_LOCK=FS";
		Flyway.configure().dataSource(url, "sa", "").locations(DatabaseVendor.H2.migrations()).load().migrate();

		killMidStreamThenContinue(url, "sa", "");
	}

	@Test
	void appendWhenTheAppendingProcessIsKilledOnPostgresqlThenAnotherContinuesAndTheTrailVerifies() throws Exception {
		try (TestDatabase database = TestDatabase.migrated(DatabaseVendor.POSTGRESQL)) {
			HikariDataSource pool = (HikariDataSource) database.dataSource();

			killMidStreamThenContinue(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
		}
	}

	private void killMidStreamThenContinue(String url, String user, String password) throws Exception {
		long killedAfter = runAndKill(url, user, password);

		try (HikariDataSource dataSource = new HikariDataSource()) {
			dataSource.setJdbcUrl(url);
			dataSource.setUsername(user);
			dataSource.setPassword(password);
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
			AuditTrail trail = new AuditTrail(jdbc, transactions);
			CheckpointKey key = CheckpointKey.loadOrCreate(this.directory.resolve("audit-checkpoint.key"));
			CheckpointExport export = new CheckpointExport(this.directory.resolve("audit-checkpoints.jsonl"));
			JdbcAuditSink sink = new JdbcAuditSink(trail,
					new Checkpoints(jdbc, transactions, key, export, Clock.systemUTC(), 10));
			long before = trail.head().seq();
			for (int i = 0; i < 30; i++) {
				sink.record(AuditEvents.mixed(i));
			}

			List<Long> seqs = jdbc.queryForList("SELECT seq FROM audit_event ORDER BY seq", Long.class);
			assertThat(before).isGreaterThanOrEqualTo(killedAfter);
			assertThat(seqs).hasSize((int) before + 30);
			for (int i = 0; i < seqs.size(); i++) {
				assertThat(seqs.get(i)).isEqualTo(i + 1L);
			}
			Verification verification = new AuditVerifier(trail, key, export).verify();
			assertThat(verification.ok()).as(verification.report()).isTrue();
			assertThat(verification.exportedCheckpoints()).isGreaterThanOrEqualTo((int) (before / 10));
		}
	}

	/** Starts an {@link AuditAppender}, kills it (SIGKILL) once it appended 40 entries; the last seq it reported. */
	private long runAndKill(String url, String user, String password) throws IOException, InterruptedException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				AuditAppender.class.getName(), url, user, password, this.directory.toString())
			.redirectErrorStream(true)
			.start();
		long last = 0;
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = output.readLine()) != null) {
				if (line.startsWith("appended ")) {
					last = Long.parseLong(line.substring("appended ".length()));
					if (last >= 40) {
						process.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no commit of what is in flight
						break;
					}
				}
			}
		}
		finally {
			process.destroyForcibly();
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(last).as("the appender's output").isGreaterThanOrEqualTo(40);
		return last;
	}

}
