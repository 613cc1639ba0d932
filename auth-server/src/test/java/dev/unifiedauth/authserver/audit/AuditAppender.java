package dev.unifiedauth.authserver.audit;

import java.nio.file.Path;
import java.time.Clock;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A process that appends audit events until it is killed, printing {@code appended <seq>} after each commit:
 * the node that {@link AuditRestartTests} kills with SIGKILL mid-stream (security case F08).
 * Arguments: JDBC URL, user, password, directory of the checkpoint key and exported checkpoints.
 */
public final class AuditAppender {

	private AuditAppender() {
	}

	public static void main(String[] args) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(args[0]);
		dataSource.setUsername(args[1]);
		dataSource.setPassword(args[2]);
		dataSource.setMaximumPoolSize(2);
		Path directory = Path.of(args[3]);
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		AuditTrail trail = new AuditTrail(jdbc, transactions);
		CheckpointKey key = CheckpointKey.loadOrCreate(directory.resolve("audit-checkpoint.key"));
		Checkpoints checkpoints = new Checkpoints(jdbc, transactions, key,
				new CheckpointExport(directory.resolve("audit-checkpoints.jsonl")), Clock.systemUTC(), 10);
		JdbcAuditSink sink = new JdbcAuditSink(trail, checkpoints);
		for (int i = 0;; i++) {
			sink.record(AuditEvents.mixed(i));
			System.out.println("appended " + trail.head().seq());
			System.out.flush();
		}
	}

}
