package dev.unifiedauth.authserver.audit;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.unifiedauth.authserver.storage.DbTime.toDb;

/**
 * Makes the signed checkpoints of the trail: one for every {@code every}-th entry once it is committed, and one of
 * the head on a timer (so that a quiet trail's tail is covered too). Each is stored in {@code audit_checkpoint}
 * and appended to the {@link CheckpointExport} file; the node that stores a checkpoint exports it, a node that
 * finds it already stored does not. Thread-safe.
 */
final class Checkpoints {

	private static final Log logger = LogFactory.getLog("unified-auth.audit.checkpoint");

	private final JdbcTemplate jdbc;

	private final TransactionTemplate ownTransaction;

	private final CheckpointKey key;

	private final CheckpointExport export;

	private final Clock clock;

	private final int every;

	Checkpoints(JdbcTemplate jdbc, TransactionTemplate transactions, CheckpointKey key, CheckpointExport export,
			Clock clock, int every) {
		if (every < 1) {
			throw new IllegalArgumentException("unified-auth.audit.checkpoint-every must be at least 1");
		}
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactions.getTransactionManager());
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.key = key;
		this.export = export;
		this.clock = clock;
		this.every = every;
	}

	/** Called once the entries {@code first..last} are committed: checkpoints each multiple of {@code every}. */
	void afterCommit(long first, long last) {
		for (long seq = ((first + this.every - 1) / this.every) * this.every; seq <= last; seq += this.every) {
			if (seq > 0) {
				checkpoint(seq);
			}
		}
	}

	/** Checkpoints the last committed entry, unless it has a checkpoint already. */
	Optional<Checkpoint> checkpointHead() {
		Long last = this.jdbc.queryForObject("SELECT last_seq FROM audit_head WHERE id = 1", Long.class);
		return (last != null && last > 0) ? checkpoint(last) : Optional.empty();
	}

	/**
	 * Signs, stores and exports a checkpoint of entry {@code seq}.
	 * @return the checkpoint, or empty if the entry does not exist or has a checkpoint already
	 */
	Optional<Checkpoint> checkpoint(long seq) {
		Optional<Checkpoint> stored;
		try {
			stored = this.ownTransaction.execute((status) -> {
				if (!this.jdbc.queryForList("SELECT seq FROM audit_checkpoint WHERE seq = ?", Long.class, seq).isEmpty()) {
					return Optional.<Checkpoint>empty();
				}
				List<String> hash = this.jdbc.queryForList("SELECT hash FROM audit_event WHERE seq = ?", String.class,
						seq);
				if (hash.isEmpty()) {
					return Optional.<Checkpoint>empty();
				}
				Checkpoint checkpoint = Checkpoint.sign(seq, hash.get(0), this.clock.instant(), this.key);
				this.jdbc.update("INSERT INTO audit_checkpoint (seq, hash, created_at, key_id, signature)"
						+ " VALUES (?, ?, ?, ?, ?)", checkpoint.seq(), checkpoint.hash(), toDb(checkpoint.time()),
						checkpoint.keyId(), checkpoint.signature());
				return Optional.of(checkpoint);
			});
		}
		catch (DuplicateKeyException ex) {
			return Optional.empty(); // another node stored it a moment ago, and exports it
		}
		stored.ifPresent((checkpoint) -> {
			this.export.append(checkpoint);
			logger.info("Audit checkpoint " + checkpoint.toJsonLine());
		});
		return stored;
	}

}
