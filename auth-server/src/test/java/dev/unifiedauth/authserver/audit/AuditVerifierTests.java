package dev.unifiedauth.authserver.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.unifiedauth.authserver.audit.Verification.Problem;
import dev.unifiedauth.core.testing.MutableClock;
import dev.unifiedauth.authserver.testing.OnEveryDatabase;
import dev.unifiedauth.authserver.testing.TestDatabase;
import dev.unifiedauth.core.audit.AuditEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AuditVerifier} on each supported database, against a malicious DBA who edits, deletes, reorders and cuts
 * rows past the append-only triggers ({@link Superuser}): security cases F01-F04.
 */
@OnEveryDatabase
class AuditVerifierTests {

	private final TestDatabase database;

	private final MutableClock clock = new MutableClock();

	@TempDir
	Path directory;

	private AuditStack audit;

	AuditVerifierTests(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void freshlyMigratedDatabase() {
		this.database.reset();
		this.audit = AuditStack.on(this.database, this.directory, this.clock, 100);
	}

	@Test
	void verifyWhenTrailIsEmptyThenOk() {
		Verification verification = this.audit.verifier.verify();

		assertThat(verification.ok()).as(verification.report()).isTrue();
		assertThat(verification.entries()).isZero();
	}

	/** F01: issuance, exchange with act, revocation, tier denial, DPoP replay; every one traceable. */
	@Test
	void verifyWhenFiftyMixedEventsRecordedThenOkAndEveryEventIsThereWithItsChainAndTask() {
		append(50);

		Verification verification = this.audit.verifier.verify();

		assertThat(verification.ok()).as(verification.report()).isTrue();
		assertThat(verification.entries()).isEqualTo(50);
		assertThat(verification.report()).startsWith("Audit trail OK: 50 entries");
		List<AuditEntry> all = this.audit.trail.find(new AuditQuery(null, null, null, null, 0, 200, true)).entries();
		assertThat(all).hasSize(50);
		for (int i = 0; i < 50; i++) {
			AuditEvent expected = AuditEvents.mixed(i);
			AuditEntry entry = all.get(i);
			assertThat(entry.seq()).isEqualTo(i + 1);
			assertThat(entry.event().type()).isEqualTo(expected.type());
			assertThat(entry.event().chain()).isEqualTo(expected.chain()).isNotEmpty();
			assertThat(entry.event().chain().get(0)).startsWith("usr-");
			assertThat(entry.event().taskId()).isEqualTo(expected.taskId()).isNotNull();
			assertThat(entry.event().time()).isEqualTo(expected.time());
		}
		assertThat(all).extracting((entry) -> entry.event().type())
			.containsOnly("token.issued", "token.exchange", "token.revoked", "permission.decision", "dpop.proof");
	}

	/** F02: an UPDATE of one member of row i is found at seq i. */
	@ParameterizedTest
	@CsvSource({ "reason, 'granted'", "type, 'token.issued'", "decision, 'allowed'", "client_id, 'someone-else'",
			"chain, '[\"usr-mallory-666\"]'", "task_id, 'task-other'", "jti, 'jti-other'",
			"details, '{\"tier\":\"AUTONOMOUS\"}'", "source, 'http://evil.example'", "event_id, 'f0000000-0000-4000-8000-000000000000'",
			"hash, '1111111111111111111111111111111111111111111111111111111111111111'",
			"chain_root, 'usr-mallory-666'" })
	void verifyWhenOneMemberOfARowIsUpdatedThenValueChangedAtThatSeq(String column, String value) {
		append(50);

		Superuser.run(this.database, "UPDATE audit_event SET " + column + " = '" + value.replace("'", "''")
				+ "' WHERE seq = 18");

		assertFailsAt(this.audit.verifier.verify(), Problem.VALUE_CHANGED, 18);
	}

	@Test
	void verifyWhenTheTimeOfARowIsUpdatedThenValueChangedAtThatSeq() {
		append(50);

		Superuser.run(this.database,
				"UPDATE audit_event SET event_time = TIMESTAMP WITH TIME ZONE '2026-03-01 10:00:00+00:00' WHERE seq = 7");

		assertFailsAt(this.audit.verifier.verify(), Problem.VALUE_CHANGED, 7);
	}

	@Test
	void verifyWhenTheDetailsOfARowAreNoLongerJsonThenValueChangedAtThatSeq() {
		append(20);

		Superuser.run(this.database, "UPDATE audit_event SET details = 'not json' WHERE seq = 4");

		assertFailsAt(this.audit.verifier.verify(), Problem.VALUE_CHANGED, 4);
	}

	/** F02 done thoroughly: the DBA also recomputes the edited row's hash; its successor no longer chains to it. */
	@Test
	void verifyWhenARowIsEditedAndRehashedThenPrevMismatchAtThatSeq() {
		append(50);
		AuditEntry original = entry(23);
		AuditEvent edited = withReason(original.event(), "granted");
		String rehashed = AuditEntry.hashOf(23, original.eventId(), edited, original.prevHash());

		Superuser.run(this.database,
				"UPDATE audit_event SET reason = 'granted', hash = '" + rehashed + "' WHERE seq = 23");

		Verification verification = this.audit.verifier.verify();
		assertFailsAt(verification, Problem.PREV_MISMATCH, 23);
		assertThat(verification.message()).contains("prev_hash of seq 24").contains("seq 23 was rewritten");
	}

	/** F03: a deleted middle row is a gap at its seq. */
	@Test
	void verifyWhenAMiddleRowIsDeletedThenGapAtItsSeq() {
		append(50);

		Superuser.run(this.database, "DELETE FROM audit_event WHERE seq = 31");

		Verification verification = this.audit.verifier.verify();
		assertFailsAt(verification, Problem.GAP, 31);
		assertThat(verification.message()).isEqualTo("seq 31 is missing");
	}

	@Test
	void verifyWhenTheFirstRowIsDeletedThenGapAtOne() {
		append(10);

		Superuser.run(this.database, "DELETE FROM audit_event WHERE seq = 1");

		assertFailsAt(this.audit.verifier.verify(), Problem.GAP, 1);
	}

	/** F03: two rows swap their seq; the first of them no longer chains to its predecessor. */
	@Test
	void verifyWhenTwoRowsSwapTheirSeqThenPrevMismatchAtTheFirst() {
		append(50);

		Superuser.run(this.database, "UPDATE audit_event SET seq = -1 WHERE seq = 12",
				"UPDATE audit_event SET seq = 12 WHERE seq = 40", "UPDATE audit_event SET seq = 40 WHERE seq = -1");

		Verification verification = this.audit.verifier.verify();
		assertFailsAt(verification, Problem.PREV_MISMATCH, 12);
		assertThat(verification.message()).contains("moved or reordered");
	}

	/** F03: adjacent rows swapped. */
	@Test
	void verifyWhenTwoAdjacentRowsSwapTheirSeqThenPrevMismatchAtTheFirst() {
		append(20);

		Superuser.run(this.database, "UPDATE audit_event SET seq = -1 WHERE seq = 5",
				"UPDATE audit_event SET seq = 5 WHERE seq = 6", "UPDATE audit_event SET seq = 6 WHERE seq = -1");

		assertFailsAt(this.audit.verifier.verify(), Problem.PREV_MISMATCH, 5);
	}

	/**
	 * F04 (RFC 6962 §3.5): the last k rows are cut, with their stored checkpoint and the head row made to match.
	 * Only the exported checkpoint still reaches past the new end.
	 */
	@Test
	void verifyWhenTheLastRowsAreCutWithTheirCheckpointThenTruncatedOnlyAgainstTheExportedCheckpoint() {
		append(250);
		assertThat(this.audit.checkpoints.checkpointHead()).isPresent();
		assertThat(this.audit.trail.checkpoints()).extracting(Checkpoint::seq).containsExactly(100L, 200L, 250L);
		String hashAt240 = entry(240).hash();

		Superuser.run(this.database, "DELETE FROM audit_checkpoint WHERE seq > 240",
				"DELETE FROM audit_event WHERE seq > 240",
				"UPDATE audit_head SET last_seq = 240, last_hash = '" + hashAt240 + "' WHERE id = 1");

		Verification databaseOnly = this.audit.verifierWithoutExport().verify();
		assertThat(databaseOnly.ok()).as(databaseOnly.report()).isTrue();
		assertThat(databaseOnly.warning()).contains("no exported checkpoints");
		Verification withExport = this.audit.verifier.verify();
		assertFailsAt(withExport, Problem.TRUNCATED, 241);
		assertThat(withExport.message()).contains("ends at seq 240").contains("exported checkpoint at seq 250");
	}

	@Test
	void verifyWhenTheLastRowsAreCutButTheirCheckpointRemainsThenTruncatedFromTheDatabaseAlone() {
		append(120);

		Superuser.run(this.database, "DELETE FROM audit_event WHERE seq > 90");

		Verification verification = this.audit.verifierWithoutExport().verify();
		assertFailsAt(verification, Problem.TRUNCATED, 91);
	}

	@Test
	void verifyWhenTheLastRowsAreCutButTheHeadRowNotThenTruncated() {
		append(30);

		Superuser.run(this.database, "DELETE FROM audit_event WHERE seq > 25");

		assertFailsAt(this.audit.verifierWithoutExport().verify(), Problem.TRUNCATED, 26);
	}

	/** The whole tail from seq 150 rewritten and rehashed: consistent, but checkpoint 200 names another hash. */
	@Test
	void verifyWhenTheTailIsRewrittenWithRecomputedHashesThenCheckpointMismatchAfterTheLastGoodCheckpoint() {
		append(230);
		List<AuditEntry> tail = new ArrayList<>();
		this.audit.trail.scan((row) -> {
			if (row.entry().seq() >= 150) {
				tail.add(row.entry());
			}
		});
		List<String> rewrite = new ArrayList<>();
		String prevHash = entry(149).hash();
		for (AuditEntry original : tail) {
			AuditEvent edited = (original.seq() == 150) ? withReason(original.event(), "covered-up") : original.event();
			String hash = AuditEntry.hashOf(original.seq(), original.eventId(), edited, prevHash);
			rewrite.add("UPDATE audit_event SET reason = " + sql(edited.reason()) + ", prev_hash = '" + prevHash
					+ "', hash = '" + hash + "' WHERE seq = " + original.seq());
			prevHash = hash;
		}
		rewrite.add("UPDATE audit_head SET last_hash = '" + prevHash + "' WHERE id = 1");

		Superuser.run(this.database, rewrite.toArray(String[]::new));

		Verification verification = this.audit.verifier.verify();
		assertFailsAt(verification, Problem.CHECKPOINT_MISMATCH, 101);
		assertThat(verification.message()).contains("checkpoint at seq 200").contains("after seq 100");
	}

	@Test
	void verifyWhenAStoredCheckpointIsAlteredThenBadSignatureAtItsSeq() {
		append(200);

		Superuser.run(this.database, "UPDATE audit_checkpoint SET created_at = created_at + INTERVAL '1' SECOND"
				+ " WHERE seq = 100");

		assertFailsAt(this.audit.verifierWithoutExport().verify(), Problem.BAD_SIGNATURE, 100);
	}

	@Test
	void verifyWhenACheckpointIsSignedWithAnotherKeyThenBadSignatureAtItsSeq() {
		append(60);
		CheckpointKey mallory = CheckpointKey.loadOrCreate(this.directory.resolve("mallory.key"));
		Checkpoint forged = Checkpoint.sign(60, entry(60).hash(), this.clock.instant(), mallory);

		Superuser.run(this.database, "INSERT INTO audit_checkpoint (seq, hash, created_at, key_id, signature) VALUES ("
				+ forged.seq() + ", '" + forged.hash() + "', TIMESTAMP WITH TIME ZONE '2026-03-01 09:00:00+00:00', '"
				+ forged.keyId() + "', '" + forged.signature() + "')");

		assertFailsAt(this.audit.verifier.verify(), Problem.BAD_SIGNATURE, 60);
	}

	@Test
	void verifyWhenSeveralThingsAreWrongThenTheLowestSeqIsReported() {
		append(150);

		Superuser.run(this.database, "DELETE FROM audit_event WHERE seq > 140",
				"UPDATE audit_event SET reason = 'x' WHERE seq = 77");

		assertFailsAt(this.audit.verifier.verify(), Problem.VALUE_CHANGED, 77);
	}

	@Test
	void verifyWhenTheExportedFileEndsInATornLineThenOkWithAWarning() throws IOException {
		append(100);
		Files.writeString(this.audit.export.file(), "{\"seq\":2", StandardOpenOption.APPEND);

		Verification verification = this.audit.verifier.verify();

		assertThat(verification.ok()).as(verification.report()).isTrue();
		assertThat(verification.exportedCheckpoints()).isEqualTo(1);
		assertThat(verification.warning()).contains("1 unreadable line");
	}

	private void append(int count) {
		for (int i = 0; i < count; i++) {
			this.audit.sink.record(AuditEvents.mixed(i));
		}
		this.clock.advance(Duration.ofSeconds(1));
	}

	private AuditEntry entry(long seq) {
		List<AuditEntry> found = new ArrayList<>();
		this.audit.trail.scan((row) -> {
			if (row.entry().seq() == seq) {
				found.add(row.entry());
			}
		});
		return found.get(0);
	}

	private static String sql(String value) {
		return (value == null) ? "NULL" : "'" + value.replace("'", "''") + "'";
	}

	private static AuditEvent withReason(AuditEvent event, String reason) {
		return new AuditEvent(event.time(), event.type(), event.decision(), reason, event.source(), event.clientId(),
				event.chain(), event.taskId(), event.resource(), event.action(), event.jti(),
				Map.copyOf(event.details()));
	}

	private static void assertFailsAt(Verification verification, Problem problem, long seq) {
		assertThat(verification.ok()).as(verification.report()).isFalse();
		assertThat(verification.problem()).as(verification.report()).isEqualTo(problem);
		assertThat(verification.firstBadSeq()).as(verification.report()).isEqualTo(seq);
		assertThat(verification.report()).startsWith("Audit trail FAILED at seq " + seq + ": " + problem.label());
	}

}
