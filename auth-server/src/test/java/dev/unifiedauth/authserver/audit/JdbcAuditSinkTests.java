package dev.unifiedauth.authserver.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import dev.unifiedauth.core.testing.MutableClock;
import dev.unifiedauth.authserver.testing.OnEveryDatabase;
import dev.unifiedauth.authserver.testing.TestDatabase;
import dev.unifiedauth.core.audit.AuditEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link JdbcAuditSink} on each supported database: an event is part of the operation it describes — appended
 * with its transaction, gone with its rollback, and an append that fails takes the operation down (F09).
 */
@OnEveryDatabase
class JdbcAuditSinkTests {

	private final TestDatabase database;

	private final MutableClock clock = new MutableClock();

	@TempDir
	Path directory;

	private AuditStack audit;

	private TransactionTemplate transactions;

	JdbcAuditSinkTests(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void freshlyMigratedDatabase() {
		this.database.reset();
		this.audit = AuditStack.on(this.database, this.directory, this.clock, 3);
		this.transactions = this.database.transactions();
	}

	@Test
	void recordWhenNoTransactionIsActiveThenAppendedAtOnce() {
		this.audit.sink.record(AuditEvents.mixed(0));

		assertThat(count("audit_event")).isEqualTo(1);
	}

	@Test
	void recordWhenInsideATransactionThenAppendedWhenItCommitsTogetherWithTheOperation() {
		this.transactions.executeWithoutResult((status) -> {
			operation();
			this.audit.sink.record(AuditEvents.mixed(0));
			assertThat(this.audit.trail.head().seq()).as("not appended before the commit").isZero();
		});

		assertThat(count("audit_event")).isEqualTo(1);
		assertThat(operations()).isEqualTo(1);
	}

	@Test
	void recordWhenTheTransactionRollsBackThenNothingIsAppended() {
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
			operation();
			this.audit.sink.record(AuditEvents.mixed(0));
			throw new IllegalStateException("the operation fails");
		}));

		assertThat(count("audit_event")).isZero();
		assertThat(this.audit.trail.head().seq()).isZero();
	}

	/** F09: the entry cannot be written, so the operation it describes is undone and its caller sees the failure. */
	@Test
	void recordWhenTheAppendFailsAtCommitThenTheOperationIsRolledBackAndTheCommitThrows() {
		FailingAuditInsert.install(this.database.jdbc(), this.database.vendor());

		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
			operation();
			this.audit.sink.record(AuditEvents.mixed(0));
		}));

		FailingAuditInsert.remove(this.database.jdbc(), this.database.vendor());
		assertThat(operations()).isZero();
		assertThat(count("audit_event")).isZero();
	}

	@Test
	void recordWhenTheAppendFailsOutsideATransactionThenRecordThrows() {
		FailingAuditInsert.install(this.database.jdbc(), this.database.vendor());

		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.audit.sink.record(AuditEvents.mixed(0)));

		FailingAuditInsert.remove(this.database.jdbc(), this.database.vendor());
		assertThat(count("audit_event")).isZero();
		assertThat(this.audit.trail.head().seq()).isZero();
	}

	@Test
	void recordWhenSeveralEventsInOneTransactionThenAppendedInTheOrderRecorded() {
		this.transactions.executeWithoutResult((status) -> {
			this.audit.sink.record(AuditEvents.mixed(0));
			this.audit.sink.record(AuditEvents.mixed(1));
			this.audit.sink.record(AuditEvents.mixed(2));
		});

		assertThat(this.database.jdbc().queryForList("SELECT type FROM audit_event ORDER BY seq", String.class))
			.containsExactly("token.issued", "token.exchange", "token.revoked");
	}

	@Test
	void recordWhenEveryKthEntryIsCommittedThenItIsCheckpointedInTheDatabaseAndTheExportedFile() {
		for (int i = 0; i < 7; i++) {
			this.audit.sink.record(AuditEvents.mixed(i));
		}

		assertThat(this.audit.trail.checkpoints()).extracting(Checkpoint::seq).containsExactly(3L, 6L);
		assertThat(this.audit.export.read().checkpoints()).extracting(Checkpoint::seq).containsExactly(3L, 6L);
		assertThat(this.audit.checkpoints.checkpointHead()).map(Checkpoint::seq).hasValue(7L);
		assertThat(this.audit.checkpoints.checkpointHead()).isEmpty();
	}

	@Test
	void recordWhenTheCheckpointCannotBeExportedThenTheOperationStillSucceeds() throws Exception {
		Path unwritable = this.directory.resolve("a-directory");
		Files.createDirectories(unwritable);
		Checkpoints failing = new Checkpoints(this.database.jdbc(), this.transactions, this.audit.key,
				new CheckpointExport(unwritable), this.clock, 3);
		JdbcAuditSink sink = new JdbcAuditSink(this.audit.trail, failing);

		for (int i = 0; i < 3; i++) {
			sink.record(AuditEvents.mixed(i));
		}

		assertThat(count("audit_event")).isEqualTo(3);
	}

	@Test
	void recordWhenTheEventNamesNoSourceThenTheSourceIsThisServerAndOverlongValuesAreClipped() {
		this.audit.sink.record(AuditEvent.of("login", Instant.parse("2026-03-01T09:00:00Z"))
			.decision("failure", "r".repeat(500))
			.chain(List.of("usr-alice-001"))
			.detail("note", "d".repeat(5000))
			.build());

		AuditEntry entry = this.audit.trail.find(new AuditQuery(null, null, null, null, 0, 1, true)).entries().get(0);
		assertThat(entry.event().source()).isEqualTo("auth-server");
		assertThat(entry.event().reason()).hasSize(200).endsWith("…");
		assertThat(entry.event().details().get("note")).hasSize(1000);
		assertThat(this.audit.verifier.verify().ok()).isTrue();
	}

	/** F10: a value a client chose may be a token (a client_id, a token_type_hint); it is never stored. */
	@Test
	void recordWhenTheEventHoldsSomethingShapedLikeATokenThenItIsRedactedAndTheRestRecorded() {
		String jwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
		this.audit.sink.record(AuditEvent.of("token.revoked", Instant.EPOCH)
			.decision("ignored", "unknown_token")
			.client("client-" + jwt)
			.detail("token_type_hint", jwt)
			.build());

		String row = this.database.jdbc().queryForMap("SELECT * FROM audit_event").values().toString();
		assertThat(row).doesNotContain("eyJ").doesNotContain("c2lnbmF0dXJl").contains("[token redacted]")
			.contains("unknown_token");
		assertThat(this.audit.verifier.verify().ok()).isTrue();
	}

	/** Some write of the operation the event describes (the migrations leave one row in this table). */
	private void operation() {
		this.database.jdbc().update("INSERT INTO signing_key_lock (id) VALUES (2)");
	}

	private int operations() {
		return count("signing_key_lock") - 1;
	}

	private int count(String table) {
		return this.database.jdbc().queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
	}

}
