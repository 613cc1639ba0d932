package dev.unifiedauth.authserver.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.unifiedauth.core.testing.MutableClock;
import dev.unifiedauth.authserver.testing.OnEveryDatabase;
import dev.unifiedauth.authserver.testing.TestDatabase;
import dev.unifiedauth.core.audit.AuditEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.dao.DuplicateKeyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link AuditTrail} on each supported database: appends chain, are serialised across nodes (F07), deduplicate
 * deliveries by event id, and queries see what their reader may see.
 */
@OnEveryDatabase
class AuditTrailTests {

	private final TestDatabase database;

	private final MutableClock clock = new MutableClock();

	@TempDir
	Path directory;

	private AuditStack audit;

	AuditTrailTests(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void freshlyMigratedDatabase() {
		this.database.reset();
		this.audit = AuditStack.on(this.database, this.directory, this.clock, 100);
	}

	@Test
	void appendWhenEventsAppendedThenSeqIsContiguousAndEachEntryChainsToThePreviousOne() {
		for (int i = 0; i < 5; i++) {
			this.audit.sink.record(AuditEvents.mixed(i));
		}

		List<Map<String, Object>> rows = this.database.jdbc()
			.queryForList("SELECT seq, prev_hash, hash FROM audit_event ORDER BY seq");
		assertThat(rows).extracting((row) -> ((Number) row.get("seq")).longValue()).containsExactly(1L, 2L, 3L, 4L, 5L);
		assertThat(rows.get(0).get("prev_hash")).isEqualTo(AuditEntry.GENESIS);
		for (int i = 1; i < rows.size(); i++) {
			assertThat(rows.get(i).get("prev_hash")).isEqualTo(rows.get(i - 1).get("hash"));
		}
		assertThat(this.audit.trail.head()).isEqualTo(new AuditTrail.Head(5, (String) rows.get(4).get("hash")));
	}

	@Test
	void appendWhenStoredThenEveryMemberIsInItsColumnAndTheHashCoversThem() {
		AuditEvent event = AuditEvents.mixed(3);

		this.audit.sink.record(event);

		Map<String, Object> row = this.database.jdbc().queryForMap("SELECT * FROM audit_event WHERE seq = 1");
		assertThat(value(row, "type")).isEqualTo("permission.decision");
		assertThat(value(row, "decision")).isEqualTo("denied");
		assertThat(value(row, "reason")).isEqualTo("tier_forbidden");
		assertThat(value(row, "source")).isEqualTo("http://localhost:8081");
		assertThat(value(row, "client_id")).isEqualTo("resource-server-demo");
		assertThat(value(row, "chain"))
			.isEqualTo("[\"usr-bob-002\",\"scheduling-agent-001\",\"analysis-agent-002\"]");
		assertThat(value(row, "chain_root")).isEqualTo("usr-bob-002");
		assertThat(value(row, "task_id")).isEqualTo("task-3");
		assertThat(value(row, "resource")).isEqualTo("users");
		assertThat(value(row, "action")).isEqualTo("delete");
		assertThat(value(row, "jti")).isEqualTo("jti-3");
		assertThat(value(row, "details")).isEqualTo("{\"tier\":\"FORBIDDEN\"}");
		String eventId = (String) value(row, "event_id");
		assertThat(value(row, "hash"))
			.isEqualTo(AuditEntry.hashOf(1, eventId, AuditEntry.next(1, eventId, event, AuditEntry.GENESIS).event(),
					AuditEntry.GENESIS));
	}

	@Test
	void appendWhenDeliveriesRepeatEventIdsAndDeduplicatingThenEachIdIsStoredOnce() {
		AuditTrail.Pending first = new AuditTrail.Pending("8b0e7f5e-2a44-4c4b-9c62-0f0c5b0b9a01", AuditEvents.mixed(1));
		AuditTrail.Pending second = new AuditTrail.Pending("8b0e7f5e-2a44-4c4b-9c62-0f0c5b0b9a02", AuditEvents.mixed(2));

		List<AuditEntry> delivery = this.audit.trail.append(List.of(first, second, first), true);
		List<AuditEntry> retry = this.audit.trail.append(List.of(second, first), true);

		assertThat(delivery).extracting(AuditEntry::eventId).containsExactly(first.eventId(), second.eventId());
		assertThat(retry).isEmpty();
		assertThat(count()).isEqualTo(2);
		assertThat(this.audit.trail.head().seq()).isEqualTo(2);
	}

	@Test
	void appendWhenEventIdRepeatedWithoutDeduplicationThenRefused() {
		AuditTrail.Pending event = new AuditTrail.Pending("8b0e7f5e-2a44-4c4b-9c62-0f0c5b0b9a03", AuditEvents.mixed(1));
		this.audit.trail.append(List.of(event), false);

		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.audit.trail.append(List.of(event), false));
		assertThat(count()).isEqualTo(1);
		assertThat(this.audit.trail.head().seq()).isEqualTo(1);
	}

	/** Security case F07 (the Trillian sequencer model): one sequence, no fork, whatever the concurrency. */
	@Test
	void appendWhenTwoNodesAppendAThousandEventsConcurrentlyThenSeqIsContiguousAndNoTwoRowsShareAPrevHash()
			throws Exception {
		try (AuditStack otherNode = AuditStack.otherNode(this.database, this.directory, this.clock, 100)) {
			ExecutorService threads = Executors.newFixedThreadPool(8);
			List<Callable<Void>> work = new ArrayList<>();
			for (int thread = 0; thread < 8; thread++) {
				AuditStack node = (thread % 2 == 0) ? this.audit : otherNode;
				int first = thread * 125;
				work.add(() -> {
					for (int i = first; i < first + 125; i++) {
						node.sink.record(AuditEvents.mixed(i));
					}
					return null;
				});
			}
			for (Future<Void> done : threads.invokeAll(work, 5, TimeUnit.MINUTES)) {
				done.get();
			}
			threads.shutdown();
		}

		List<Long> seqs = this.database.jdbc().queryForList("SELECT seq FROM audit_event ORDER BY seq", Long.class);
		assertThat(seqs).hasSize(1000);
		assertThat(seqs.get(0)).isEqualTo(1L);
		assertThat(seqs.get(999)).isEqualTo(1000L);
		List<String> prevHashes = this.database.jdbc().queryForList("SELECT prev_hash FROM audit_event", String.class);
		assertThat(new HashSet<>(prevHashes)).hasSize(1000);
		assertThat(this.database.jdbc().queryForList("SELECT seq FROM audit_checkpoint ORDER BY seq", Long.class))
			.containsExactly(100L, 200L, 300L, 400L, 500L, 600L, 700L, 800L, 900L, 1000L);
		Verification verification = this.audit.verifier.verify();
		assertThat(verification.ok()).as(verification.report()).isTrue();
		assertThat(verification.entries()).isEqualTo(1000);
		assertThat(verification.exportedCheckpoints()).isEqualTo(10);
	}

	@Test
	void findWhenReaderIsAHumanThenOnlyEntriesOfChainsRootedInThemAreFound() {
		for (int i = 0; i < 10; i++) {
			this.audit.sink.record(AuditEvents.mixed(i));
		}

		AuditTrail.Page bobs = this.audit.trail.find(new AuditQuery("usr-bob-002", null, null, null, 0, 50, true));
		AuditTrail.Page everyone = this.audit.trail.find(new AuditQuery(null, null, null, null, 0, 50, true));

		assertThat(bobs.entries()).hasSize(5).allSatisfy((entry) -> assertThat(entry.chainRoot()).isEqualTo("usr-bob-002"));
		assertThat(everyone.entries()).hasSize(10);
	}

	@Test
	void findWhenFilteredByActorThenOnlyChainsWithExactlyThatMemberOrClientAreFound() {
		for (int i = 0; i < 10; i++) {
			this.audit.sink.record(AuditEvents.mixed(i));
		}
		this.audit.sink.record(AuditEvent.of("login", AuditEvents.START).decision("success", null)
			.chain(List.of("usr-alice-001x")).build());

		List<Long> analysis = seqs(new AuditQuery(null, "analysis-agent-002", null, null, 0, 50, true));
		List<Long> alice = seqs(new AuditQuery(null, "usr-alice-001", null, null, 0, 50, true));
		List<Long> client = seqs(new AuditQuery(null, "demo-backend", null, null, 0, 50, true));
		List<Long> wildcard = seqs(new AuditQuery(null, "usr-alice%", null, null, 0, 50, true));

		assertThat(analysis).containsExactly(4L, 9L);
		assertThat(alice).containsExactly(1L, 3L, 5L, 7L, 9L);
		assertThat(client).containsExactly(1L, 3L, 6L, 8L);
		assertThat(wildcard).isEmpty();
	}

	@Test
	void findWhenFilteredByTypeAndTaskThenOnlyThoseAreFound() {
		for (int i = 0; i < 20; i++) {
			this.audit.sink.record(AuditEvents.mixed(i));
		}

		assertThat(seqs(new AuditQuery(null, null, "token.exchange", null, 0, 50, true))).containsExactly(2L, 7L, 12L, 17L);
		assertThat(seqs(new AuditQuery(null, null, null, "task-2", 0, 50, true))).containsExactly(3L, 8L, 13L, 18L);
		assertThat(seqs(new AuditQuery(null, null, "token.exchange", "task-2", 0, 50, true))).isEmpty();
	}

	@Test
	void findWhenPagedThenPagesFollowEachOtherNewestFirstByDefault() {
		for (int i = 0; i < 7; i++) {
			this.audit.sink.record(AuditEvents.mixed(i));
		}

		AuditTrail.Page first = this.audit.trail.find(new AuditQuery(null, null, null, null, 0, 3, false));
		AuditTrail.Page third = this.audit.trail.find(new AuditQuery(null, null, null, null, 2, 3, false));
		AuditTrail.Page oldest = this.audit.trail.find(new AuditQuery(null, null, null, null, 0, 3, true));

		assertThat(first.entries()).extracting(AuditEntry::seq).containsExactly(7L, 6L, 5L);
		assertThat(first.more()).isTrue();
		assertThat(third.entries()).extracting(AuditEntry::seq).containsExactly(1L);
		assertThat(third.more()).isFalse();
		assertThat(oldest.entries()).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L);
	}

	private List<Long> seqs(AuditQuery query) {
		return this.audit.trail.find(query).entries().stream().map(AuditEntry::seq).toList();
	}

	private int count() {
		return this.database.jdbc().queryForObject("SELECT COUNT(*) FROM audit_event", Integer.class);
	}

	/** Spring's row maps are case-insensitive: H2 reports column names in upper case. */
	private static Object value(Map<String, Object> row, String column) {
		return row.get(column);
	}

}
