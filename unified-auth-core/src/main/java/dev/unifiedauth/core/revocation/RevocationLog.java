package dev.unifiedauth.core.revocation;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.unifiedauth.core.policy.Reason;

/**
 * The revocation state every node shares: the rules that make tokens invalid, in the order they were recorded.
 * This server checks presented tokens against it at once; resource servers pull it as a feed and check locally.
 * Implementations fail by throwing (a {@code DataAccessException} for a database); callers answer 503 (fail closed).
 */
public interface RevocationLog {

	/** Records rules, in the caller's transaction when there is one. */
	void append(Collection<RevocationRule> rules, Instant now);

	/**
	 * The rules still retained at {@code now} that a reader who has seen everything up to {@code after} may not
	 * have: later ones, and (because a rule recorded by a slower transaction can commit after a later sequence
	 * number was read) every rule recorded within the last few seconds. Readers apply rules idempotently.
	 * @param limit the most rules to return; the caller asks again from {@link Page#next()}
	 */
	Page since(long after, Instant now, int limit);

	/** Why a token is no longer valid at {@code now}, or empty if no rule applies to it. */
	Optional<Reason> check(TokenFacts token, Instant now);

	/** Deletes rules whose tokens have all expired; returns how many. */
	int forgetExpired(Instant now);

	/**
	 * One page of the feed.
	 *
	 * @param rules rules in sequence order
	 * @param next the sequence number to ask from next time
	 * @param more whether more rules were left out by the limit
	 */
	record Page(List<RevocationRule> rules, long next, boolean more) {

		public Page {
			rules = List.copyOf(rules);
		}

	}

}
