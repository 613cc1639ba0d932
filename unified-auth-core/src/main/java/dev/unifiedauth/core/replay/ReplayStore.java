package dev.unifiedauth.core.replay;

import java.time.Instant;

/**
 * Remembers single-use identifiers until they expire. Implementations are thread-safe and shared by every node
 * that accepts the identifiers. They fail closed: when a store cannot answer with certainty (it is full, or
 * unreachable) it throws {@link ReplayStoreUnavailableException}, and the caller refuses the request; a store
 * never forgets a live identifier to make room.
 */
public interface ReplayStore {

	/**
	 * Records {@code id} in {@code namespace} until {@code expiresAt}.
	 * @return {@code true} if the identifier was not seen before, {@code false} if this is a replay
	 * @throws ReplayStoreUnavailableException if the store cannot record it
	 */
	boolean firstUse(String namespace, String id, Instant expiresAt);

}
