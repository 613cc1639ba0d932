package dev.unifiedauth.resourceserver.revocation;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.unifiedauth.core.policy.Reason;
import dev.unifiedauth.core.revocation.RevocationRules;
import dev.unifiedauth.core.revocation.TokenFacts;

/**
 * What this resource server knows about revoked tokens, and whether it knows it recently enough. A poll of the
 * feed that completes proves that every rule recorded before the poll started is here; if no poll has completed
 * within {@code maxStaleness} of its start, a revocation older than that could be missing and {@link #check}
 * refuses to answer (the caller answers 503). The same holds when more rules are in force than fit in memory.
 * Thread-safe.
 */
public final class RevocationStatus {

	private static final Log logger = LogFactory.getLog(RevocationStatus.class);

	private final Feed feed;

	private final RevocationRules rules;

	private final Clock clock;

	private final LongSupplier nanoTime;

	private final long maxStalenessNanos;

	private final AtomicLong cursor = new AtomicLong();

	/** {@code nanoTime} at the start of the last poll that completed; {@code Long.MIN_VALUE} before the first. */
	private volatile long freshAsOf = Long.MIN_VALUE;

	private volatile boolean failing;

	public RevocationStatus(Feed feed, RevocationRules rules, Clock clock, LongSupplier nanoTime,
			Duration maxStaleness) {
		this.feed = feed;
		this.rules = rules;
		this.clock = clock;
		this.nanoTime = nanoTime;
		this.maxStalenessNanos = maxStaleness.toNanos();
	}

	/**
	 * Reads the feed until it has nothing more (several pages when many rules arrive at once).
	 * @return whether the poll completed
	 */
	public boolean poll() {
		long started = this.nanoTime.getAsLong();
		try {
			RevocationFeedClient.Page page;
			do {
				page = this.feed.read(this.cursor.get());
				this.rules.update(page.rules(), this.clock.instant());
				this.cursor.set(page.next());
			}
			while (page.more());
			this.freshAsOf = started;
			if (this.failing) {
				logger.info("The revocation feed is readable again");
				this.failing = false;
			}
			return true;
		}
		catch (RevocationFeedClient.FeedUnavailableException ex) {
			if (!this.failing) {
				logger.warn(ex.getMessage() + "; tokens are refused with 503 once the last good read is older than "
						+ Duration.ofNanos(this.maxStalenessNanos));
				this.failing = true;
			}
			return false;
		}
	}

	/**
	 * @return why the token is no longer valid, or empty if it is
	 * @throws StaleRevocationsException if this server cannot tell (the feed is stale or did not fit in memory)
	 */
	public Optional<Reason> check(TokenFacts token) {
		long freshAsOf = this.freshAsOf;
		if (freshAsOf == Long.MIN_VALUE || this.nanoTime.getAsLong() - freshAsOf > this.maxStalenessNanos) {
			throw new StaleRevocationsException("The revocation feed has not been read recently");
		}
		if (this.rules.overflowed()) {
			throw new StaleRevocationsException("More revocations are in force than this server keeps in memory");
		}
		return this.rules.check(token, this.clock.instant());
	}

	/** Where rules come from: the authorization server's feed ({@link RevocationFeedClient}). */
	@FunctionalInterface
	public interface Feed {

		/**
		 * @throws RevocationFeedClient.FeedUnavailableException if no well-formed page arrives
		 */
		RevocationFeedClient.Page read(long after);

	}

	/** This server cannot tell whether a token was revoked; fail closed. */
	public static final class StaleRevocationsException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		StaleRevocationsException(String message) {
			super(message);
		}

	}

}
