package dev.unifiedauth.core.replay;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A {@link ReplayStore} for one node, in memory, whose size is fixed when it is created.
 *
 * <p>Each identifier is reduced to a 128-bit keyed hash of its namespace and value (HMAC-SHA256 with a random
 * per-store key, truncated), so that every entry has the same size whatever the client sent, and so that nobody
 * outside can choose identifiers that collide in the table. Entries live in one open-addressing table (linear
 * probing) of three {@code long}s per slot (hash high, hash low, expiry), allocated once and at most half full:
 * {@code 24 × capacity} bytes, where capacity is the smallest power of two ≥ {@code 2 × maxEntries}
 * (100 000 entries: 262 144 slots, 6 MiB), and it never grows. (G1 places such a large array in whole heap
 * regions: up to one region more.)
 *
 * <p>Expired entries are purged when the store is full. If it is still full after purging, it refuses
 * ({@link ReplayStoreUnavailableException}): it never drops a live entry to make room, because a forgotten
 * identifier could be replayed (RFC 9449 §11.1; security-cases pinned rule 3). Thread-safe.
 */
public final class EmbeddedReplayStore implements ReplayStore {

	private static final int LONGS_PER_SLOT = 3;

	private final int maxEntries;

	private final Clock clock;

	/**
	 * Three {@code long}s per slot, side by side: hash high, hash low, and the epoch millisecond from which the
	 * entry is dead (0 marks an empty slot).
	 */
	private final long[] table;

	private final int mask;

	private final ThreadLocal<Mac> hashes;

	private int size;

	/** A lower bound of every live entry's expiry: purging before it would find nothing. */
	private long earliestExpiry = Long.MAX_VALUE;

	public EmbeddedReplayStore(int maxEntries, Clock clock) {
		if (maxEntries < 1 || maxEntries > (1 << 28)) {
			throw new IllegalArgumentException("maxEntries must be between 1 and 2^28, got " + maxEntries);
		}
		this.maxEntries = maxEntries;
		this.clock = clock;
		int capacity = Integer.highestOneBit(2 * maxEntries - 1) << 1;
		this.table = new long[LONGS_PER_SLOT * capacity];
		this.mask = capacity - 1;
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		SecretKeySpec hashKey = new SecretKeySpec(key, "HmacSHA256");
		this.hashes = ThreadLocal.withInitial(() -> mac(hashKey));
	}

	@Override
	public boolean firstUse(String namespace, String id, Instant expiresAt) {
		ByteBuffer hash = ByteBuffer.wrap(hash(namespace, id));
		long hashHigh = hash.getLong();
		long hashLow = hash.getLong();
		long expires = Math.max(1, expiresAt.toEpochMilli());
		synchronized (this) {
			long now = this.clock.millis();
			int slot = find(hashHigh, hashLow);
			if (slot >= 0) {
				if (expiry(slot) > now) {
					return false;
				}
				setExpiry(slot, expires); // the earlier use has expired: this is a new one
				this.earliestExpiry = Math.min(this.earliestExpiry, expires);
				return true;
			}
			if (this.size >= this.maxEntries) {
				purgeExpired(now);
				slot = find(hashHigh, hashLow); // purging moved entries: the free slot may be earlier now
			}
			if (this.size >= this.maxEntries) {
				// RFC 9449 §11.1: refusing is safe, forgetting a live identifier is not
				throw new ReplayStoreUnavailableException("The replay store is full (" + this.maxEntries
						+ " live entries); refusing instead of forgetting a live identifier");
			}
			insert(~slot, hashHigh, hashLow, expires);
			return true;
		}
	}

	/** The number of entries held, live or expired but not yet purged. */
	synchronized int size() {
		return this.size;
	}

	int maxEntries() {
		return this.maxEntries;
	}

	/** The bytes of the entry table: allocated when the store is created, never more. */
	long tableBytes() {
		return (long) Long.BYTES * this.table.length;
	}

	/** Purges every entry that expired at or before now. */
	synchronized void purgeExpired() {
		purgeExpired(this.clock.millis());
	}

	/** The slot of the entry, or {@code ~slot} of the empty slot where it would go. */
	private int find(long hashHigh, long hashLow) {
		int slot = home(hashLow);
		while (expiry(slot) != 0) {
			if (high(slot) == hashHigh && low(slot) == hashLow) {
				return slot;
			}
			slot = (slot + 1) & this.mask;
		}
		return ~slot;
	}

	private void insert(int slot, long hashHigh, long hashLow, long expires) {
		put(slot, hashHigh, hashLow, expires);
		this.size++;
		this.earliestExpiry = Math.min(this.earliestExpiry, expires);
	}

	private void purgeExpired(long now) {
		if (now < this.earliestExpiry) {
			return;
		}
		long earliest = Long.MAX_VALUE;
		for (int slot = 0; slot <= this.mask; slot++) {
			while (expiry(slot) != 0 && expiry(slot) <= now) {
				delete(slot); // may move a later entry into this slot: look at it again
			}
			if (expiry(slot) != 0) {
				earliest = Math.min(earliest, expiry(slot));
			}
		}
		this.earliestExpiry = earliest;
	}

	/**
	 * Deletion without tombstones in a linear-probing table (Knuth, TAOCP vol. 3, §6.4, Algorithm R): entries
	 * after the hole that would no longer be reachable from their home slot are moved back into it.
	 */
	private void delete(int hole) {
		setExpiry(hole, 0);
		this.size--;
		int next = hole;
		while (true) {
			next = (next + 1) & this.mask;
			if (expiry(next) == 0) {
				return;
			}
			int home = home(low(next));
			boolean reachable = (hole <= next) ? (hole < home && home <= next) : (hole < home || home <= next);
			if (!reachable) {
				put(hole, high(next), low(next), expiry(next));
				setExpiry(next, 0);
				hole = next;
			}
		}
	}

	private long high(int slot) {
		return this.table[slot * LONGS_PER_SLOT];
	}

	private long low(int slot) {
		return this.table[slot * LONGS_PER_SLOT + 1];
	}

	private long expiry(int slot) {
		return this.table[slot * LONGS_PER_SLOT + 2];
	}

	private void setExpiry(int slot, long expires) {
		this.table[slot * LONGS_PER_SLOT + 2] = expires;
	}

	private void put(int slot, long hashHigh, long hashLow, long expires) {
		this.table[slot * LONGS_PER_SLOT] = hashHigh;
		this.table[slot * LONGS_PER_SLOT + 1] = hashLow;
		setExpiry(slot, expires);
	}

	private int home(long hashLow) {
		return (int) hashLow & this.mask;
	}

	private byte[] hash(String namespace, String id) {
		byte[] name = namespace.getBytes(StandardCharsets.UTF_8);
		Mac mac = this.hashes.get();
		mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(name.length).array()); // unambiguous namespace|id
		mac.update(name);
		mac.update(id.getBytes(StandardCharsets.UTF_8));
		return mac.doFinal();
	}

	private static Mac mac(SecretKeySpec key) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
