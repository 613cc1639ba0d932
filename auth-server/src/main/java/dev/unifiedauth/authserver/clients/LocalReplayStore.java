package dev.unifiedauth.authserver.clients;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

import dev.unifiedauth.core.replay.ReplayStore;
import dev.unifiedauth.core.replay.ReplayStoreUnavailableException;

/**
 * The replay store of client assertion {@code jti}s while no shared {@link ReplayStore} bean exists: one node's
 * memory, at most {@code capacity} live identifiers. Expired identifiers are forgotten; a live one never is, so
 * when the store is full of live identifiers it refuses ({@link ReplayStoreUnavailableException}, 503) instead of
 * forgetting. Several nodes need a shared store. Thread-safe (one lock; an entry costs one map and one heap
 * operation).
 */
final class LocalReplayStore implements ReplayStore {

	static final int DEFAULT_CAPACITY = 100_000;

	private final Clock clock;

	private final int capacity;

	private final Map<String, Instant> live = new HashMap<>();

	private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>();

	LocalReplayStore(Clock clock, int capacity) {
		this.clock = clock;
		this.capacity = capacity;
	}

	@Override
	public synchronized boolean firstUse(String namespace, String id, Instant expiresAt) {
		Instant now = this.clock.instant();
		forgetExpired(now);
		String key = namespace + '\u0000' + id;
		if (this.live.containsKey(key)) {
			return false;
		}
		if (!expiresAt.isAfter(now)) {
			return true; // can no longer be accepted, so it need not be remembered
		}
		if (this.live.size() >= this.capacity) {
			throw new ReplayStoreUnavailableException("The local replay store holds " + this.capacity
					+ " live identifiers");
		}
		this.live.put(key, expiresAt);
		this.byExpiry.add(new Entry(expiresAt, key));
		return true;
	}

	synchronized int size() {
		return this.live.size();
	}

	private void forgetExpired(Instant now) {
		while (!this.byExpiry.isEmpty() && !this.byExpiry.peek().expiresAt().isAfter(now)) {
			this.live.remove(this.byExpiry.poll().key());
		}
	}

	private record Entry(Instant expiresAt, String key) implements Comparable<Entry> {

		@Override
		public int compareTo(Entry other) {
			return this.expiresAt.compareTo(other.expiresAt);
		}

	}

}
