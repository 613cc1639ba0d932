package dev.unifiedauth.core.replay;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.unifiedauth.core.testing.MutableClock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The embedded replay store remembers every identifier until it expires, within a fixed memory bound, and refuses
 * rather than forgets when it is full (RFC 9449 §11.1; security-cases pinned rule 3).
 */
final class EmbeddedReplayStoreTests {

	private static final long MIB = 1024 * 1024;

	private static final Duration PROOF_LIFETIME = Duration.ofSeconds(121); // iat window ±60 s, plus 1 s

	private final MutableClock clock = new MutableClock();

	@Test
	void firstUseWhenIdentifierIsNewThenAccepted() {
		EmbeddedReplayStore store = new EmbeddedReplayStore(10, this.clock);

		assertThat(store.firstUse("dpop", "jkt:jti-1", in(Duration.ofMinutes(1)))).isTrue();
	}

	@Test
	void firstUseWhenIdentifierUsedBeforeExpiryThenRefused() {
		EmbeddedReplayStore store = new EmbeddedReplayStore(10, this.clock);
		store.firstUse("dpop", "jkt:jti-1", in(Duration.ofMinutes(1)));
		this.clock.advance(Duration.ofSeconds(59));

		assertThat(store.firstUse("dpop", "jkt:jti-1", in(Duration.ofMinutes(1)))).isFalse();
	}

	@Test
	void firstUseWhenEarlierUseExpiredThenAcceptedAgain() {
		EmbeddedReplayStore store = new EmbeddedReplayStore(10, this.clock);
		store.firstUse("dpop", "jkt:jti-1", in(Duration.ofMinutes(1)));
		this.clock.advance(Duration.ofMinutes(1));

		assertThat(store.firstUse("dpop", "jkt:jti-1", in(Duration.ofMinutes(1)))).isTrue();
		assertThat(store.firstUse("dpop", "jkt:jti-1", in(Duration.ofMinutes(1)))).isFalse();
	}

	@Test
	void firstUseWhenSameIdentifierInAnotherNamespaceThenAccepted() {
		EmbeddedReplayStore store = new EmbeddedReplayStore(10, this.clock);
		store.firstUse("dpop", "abc", in(Duration.ofMinutes(1)));

		assertThat(store.firstUse("client-assertion", "abc", in(Duration.ofMinutes(1)))).isTrue();
		// the namespace is length-prefixed: "dp"+"opabc" is not "dpop"+"abc"
		assertThat(store.firstUse("dp", "opabc", in(Duration.ofMinutes(1)))).isTrue();
	}

	@Test
	void firstUseWhenFullOfLiveEntriesThenRefusesAndForgetsNothing() {
		EmbeddedReplayStore store = new EmbeddedReplayStore(3, this.clock);
		for (int i = 0; i < 3; i++) {
			assertThat(store.firstUse("dpop", "id-" + i, in(Duration.ofMinutes(1)))).isTrue();
		}

		assertThatExceptionOfType(ReplayStoreUnavailableException.class)
			.isThrownBy(() -> store.firstUse("dpop", "id-3", in(Duration.ofMinutes(1))));
		for (int i = 0; i < 3; i++) {
			assertThat(store.firstUse("dpop", "id-" + i, in(Duration.ofMinutes(1)))).as("replay of id-" + i).isFalse();
		}
		assertThat(store.size()).isEqualTo(3);
	}

	@Test
	void firstUseWhenFullButSomeExpiredThenPurgesThemAndAccepts() {
		EmbeddedReplayStore store = new EmbeddedReplayStore(3, this.clock);
		store.firstUse("dpop", "short", in(Duration.ofSeconds(10)));
		store.firstUse("dpop", "long-1", in(Duration.ofMinutes(5)));
		store.firstUse("dpop", "long-2", in(Duration.ofMinutes(5)));
		this.clock.advance(Duration.ofSeconds(10));

		assertThat(store.firstUse("dpop", "new", in(Duration.ofMinutes(1)))).isTrue();
		assertThat(store.size()).isEqualTo(3);
		assertThat(store.firstUse("dpop", "long-1", in(Duration.ofMinutes(1)))).isFalse();
		assertThat(store.firstUse("dpop", "long-2", in(Duration.ofMinutes(1)))).isFalse();
		assertThat(store.firstUse("dpop", "new", in(Duration.ofMinutes(1)))).isFalse();
	}

	@Test
	void firstUseWhenHundredThousandProofsAtFullSpeedThenStaysWithinBoundAndRejectsReplays() {
		// 100 000 proofs, one every 2 ms (this machine verifies ~550 ES256 proofs/s), each kept 121 s
		EmbeddedReplayStore store = new EmbeddedReplayStore(100_000, this.clock);
		long tableBytes = store.tableBytes();
		int maxSize = 0;
		for (int i = 0; i < 100_000; i++) {
			assertThat(store.firstUse("dpop", jkt(i) + ":jti-" + i, in(PROOF_LIFETIME))).isTrue();
			maxSize = Math.max(maxSize, store.size());
			this.clock.advance(Duration.ofMillis(2));
		}

		assertThat(maxSize).isLessThanOrEqualTo(store.maxEntries());
		assertThat(store.tableBytes()).isEqualTo(tableBytes).isEqualTo(24L * 262_144);
		// every proof still inside its lifetime is refused; older ones have expired and were purged or may be
		for (int i = 100_000 - 60_000; i < 100_000; i += 997) {
			assertThat(store.firstUse("dpop", jkt(i) + ":jti-" + i, in(PROOF_LIFETIME))).as("replay " + i).isFalse();
		}
	}

	@Test
	void firstUseWhenFloodedWithHundredThousandProofsThenRefusesTheExcessAndForgetsNoneOfTheRest() {
		EmbeddedReplayStore store = new EmbeddedReplayStore(50_000, this.clock);
		int accepted = 0;
		int refused = 0;
		for (int i = 0; i < 100_000; i++) {
			try {
				assertThat(store.firstUse("dpop", "flood:" + i, in(PROOF_LIFETIME))).isTrue();
				accepted++;
			}
			catch (ReplayStoreUnavailableException ex) {
				refused++;
			}
		}

		assertThat(accepted).isEqualTo(50_000);
		assertThat(refused).isEqualTo(50_000);
		assertThat(store.size()).isEqualTo(50_000);
		for (int i = 0; i < 50_000; i++) {
			assertThat(store.firstUse("dpop", "flood:" + i, in(PROOF_LIFETIME))).isFalse();
		}
		this.clock.advance(PROOF_LIFETIME);
		assertThat(store.firstUse("dpop", "after-the-flood", in(PROOF_LIFETIME))).isTrue();
		assertThat(store.size()).isEqualTo(1);
	}

	@Test
	void storeWhenHundredThousandEntriesHeldThenRetainedHeapIsTheTableAlone() {
		// Measured after full collections: creating the store retains its table (24 B x 262 144 slots = 6 MiB,
		// placed by G1 in whole regions); recording 100 000 live entries retains nothing more. (A HashMap<String,
		// Instant> of the same entries measured 16.9 MB, ~170 bytes per entry, and keeps growing.)
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long before = retainedHeap(memory);
		EmbeddedReplayStore store = new EmbeddedReplayStore(100_000, this.clock);
		long empty = retainedHeap(memory);
		for (int i = 0; i < 100_000; i++) {
			store.firstUse("dpop", jkt(i) + ":jti-" + i, in(PROOF_LIFETIME));
		}
		long full = retainedHeap(memory);

		assertThat(store.size()).isEqualTo(100_000);
		assertThat(store.tableBytes()).isEqualTo(24L * 262_144);
		assertThat(empty - before).as("bytes retained by the empty store")
			.isLessThanOrEqualTo(store.tableBytes() + g1RegionBytes() + MIB);
		assertThat(full - empty).as("bytes retained by 100 000 entries").isLessThan(MIB);
		assertThat(store.firstUse("dpop", jkt(7) + ":jti-7", in(PROOF_LIFETIME))).isFalse();
	}

	@Test
	void firstUseWhenCalledConcurrentlyWithTheSameIdentifiersThenEachIsAcceptedExactlyOnce() throws Exception {
		EmbeddedReplayStore store = new EmbeddedReplayStore(10_000, this.clock);
		Map<String, AtomicInteger> acceptances = new ConcurrentHashMap<>();
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> runs = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				runs.add(threads.submit(() -> {
					for (int i = 0; i < 2_000; i++) {
						if (store.firstUse("dpop", "id-" + i, in(PROOF_LIFETIME))) {
							acceptances.computeIfAbsent("id-" + i, (id) -> new AtomicInteger()).incrementAndGet();
						}
					}
				}));
			}
			for (Future<?> run : runs) {
				run.get();
			}
		}
		finally {
			threads.shutdownNow();
		}

		assertThat(acceptances).hasSize(2_000);
		assertThat(acceptances.values()).allSatisfy((count) -> assertThat(count.get()).isEqualTo(1));
	}

	@Property(tries = 300)
	void firstUseWhenAnySequenceThenBehavesLikeAMapOfLiveIdentifiers(@ForAll("uses") List<Use> uses) {
		// a tiny table (8 entries, 16 slots) so that probing wraps around and deletions move entries
		MutableClock clock = new MutableClock();
		EmbeddedReplayStore store = new EmbeddedReplayStore(8, clock);
		Map<String, Instant> model = new HashMap<>();
		for (Use use : uses) {
			clock.advance(Duration.ofMillis(use.advanceMillis()));
			Instant now = clock.instant();
			model.values().removeIf((expiry) -> !expiry.isAfter(now));
			String id = "id-" + use.id();
			Instant expiresAt = now.plusMillis(use.ttlMillis());
			if (model.containsKey(id)) {
				assertThat(store.firstUse("dpop", id, expiresAt)).as("second use of a live " + id).isFalse();
			}
			else if (model.size() >= 8) {
				assertThatExceptionOfType(ReplayStoreUnavailableException.class)
					.isThrownBy(() -> store.firstUse("dpop", id, expiresAt));
			}
			else {
				assertThat(store.firstUse("dpop", id, expiresAt)).as("first use of " + id).isTrue();
				model.put(id, expiresAt);
			}
			assertThat(store.size()).isLessThanOrEqualTo(8);
		}
	}

	@Provide
	Arbitrary<List<Use>> uses() {
		Arbitrary<Use> use = Combinators
			.combine(Arbitraries.integers().between(0, 20), Arbitraries.integers().between(0, 30),
					Arbitraries.integers().between(1, 120))
			.as(Use::new);
		return use.list().ofMaxSize(200);
	}

	record Use(int id, int advanceMillis, int ttlMillis) {
	}

	private Instant in(Duration duration) {
		return this.clock.instant().plus(duration);
	}

	private static String jkt(int i) {
		return "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRG" + (i % 1000);
	}

	private static long g1RegionBytes() {
		HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
		try {
			return Long.parseLong(hotSpot.getVMOption("G1HeapRegionSize").getValue());
		}
		catch (IllegalArgumentException ex) {
			return 0; // not G1: arrays are not placed in regions
		}
	}

	private static long retainedHeap(MemoryMXBean memory) {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

}
