package dev.unifiedauth.authserver.audit;

import java.nio.file.Path;
import java.time.Clock;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.unifiedauth.authserver.testing.TestDatabase;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail's parts on a test database, as {@code AuditConfig} wires them: the checkpoint key and the
 * exported checkpoints in {@code directory}. Two stacks on one database are two nodes.
 */
final class AuditStack implements AutoCloseable {

	final AuditTrail trail;

	final CheckpointKey key;

	final CheckpointExport export;

	final Checkpoints checkpoints;

	final JdbcAuditSink sink;

	final AuditVerifier verifier;

	private final Path directory;

	private HikariDataSource ownPool;

	private AuditStack(DataSource dataSource, Path directory, Clock clock, int every) {
		this.directory = directory;
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.trail = new AuditTrail(jdbc, transactions);
		this.key = CheckpointKey.loadOrCreate(directory.resolve("audit-checkpoint.key"));
		this.export = new CheckpointExport(directory.resolve("audit-checkpoints.jsonl"));
		this.checkpoints = new Checkpoints(jdbc, transactions, this.key, this.export, clock, every);
		this.sink = new JdbcAuditSink(this.trail, this.checkpoints);
		this.verifier = new AuditVerifier(this.trail, this.key, this.export);
	}

	static AuditStack on(TestDatabase database, Path directory, Clock clock, int every) {
		return new AuditStack(database.dataSource(), directory, clock, every);
	}

	static AuditStack on(DataSource dataSource, Path directory, Clock clock, int every) {
		return new AuditStack(dataSource, directory, clock, every);
	}

	/** A stack with a connection pool of its own: another node on the same database and files. */
	static AuditStack otherNode(TestDatabase database, Path directory, Clock clock, int every) {
		HikariDataSource shared = (HikariDataSource) database.dataSource();
		HikariDataSource own = new HikariDataSource();
		own.setJdbcUrl(shared.getJdbcUrl());
		own.setUsername(shared.getUsername());
		own.setPassword(shared.getPassword());
		own.setMaximumPoolSize(5);
		own.setPoolName("other-node");
		AuditStack stack = new AuditStack(own, directory, clock, every);
		stack.ownPool = own;
		return stack;
	}

	@Override
	public void close() {
		if (this.ownPool != null) {
			this.ownPool.close();
		}
	}

	/** A verifier that has only the database: no exported checkpoints. */
	AuditVerifier verifierWithoutExport() {
		return new AuditVerifier(this.trail, this.key, new CheckpointExport(this.directory.resolve("not-exported.jsonl")));
	}

}
