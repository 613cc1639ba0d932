package dev.unifiedauth.core.revocation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.unifiedauth.core.policy.Reason;

/**
 * The live revocation rules of one resource server, in memory and bounded. Reads (every request) see an immutable
 * index through one volatile read and a few hash lookups; writes (each poll of the feed that brings something new,
 * and the eviction of rules whose tokens have all expired) rebuild it. When more live rules arrive than
 * {@code capacity}, the extra ones are not kept and {@link #overflowed()} turns true until eviction makes room: the
 * caller must then fail closed, because a rule it does not hold could apply to the next token. Thread-safe.
 */
public final class RevocationRules {

	private final int capacity;

	private volatile Index index = Index.EMPTY;

	private volatile boolean overflowed;

	public RevocationRules(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be positive");
		}
		this.capacity = capacity;
	}

	/**
	 * Adds rules not seen before (by {@code seq}) and forgets rules whose tokens have all expired.
	 * @return how many rules were added
	 */
	public synchronized int update(Collection<RevocationRule> rules, Instant now) {
		Map<Long, RevocationRule> kept = new HashMap<>();
		for (RevocationRule rule : this.index.all.values()) {
			if (rule.retainUntil().isAfter(now)) {
				kept.put(rule.seq(), rule);
			}
		}
		int evicted = this.index.all.size() - kept.size();
		int added = 0;
		boolean full = false;
		for (RevocationRule rule : rules) {
			if (!rule.retainUntil().isAfter(now) || kept.containsKey(rule.seq())) {
				continue;
			}
			if (kept.size() >= this.capacity) {
				full = true;
				continue;
			}
			kept.put(rule.seq(), rule);
			added++;
		}
		if (added > 0 || evicted > 0) {
			this.index = new Index(kept);
		}
		this.overflowed = full;
		return added;
	}

	/**
	 * @return the reason the token is no longer valid, or empty if no rule held here applies to it
	 */
	public Optional<Reason> check(TokenFacts token, Instant now) {
		Index current = this.index;
		Optional<Reason> found = first(current.byJti.get(token.jti()), token, now);
		if (found.isEmpty() && token.taskId() != null) {
			found = first(current.byTask.get(taskKey(token.subject(), token.taskId())), token, now);
		}
		if (found.isEmpty()) {
			found = first(current.bySubject.get(token.subject()), token, now);
		}
		for (String client : token.clients()) {
			if (found.isPresent()) {
				break;
			}
			found = first(current.byClient.get(client), token, now);
		}
		return found;
	}

	/** Whether rules were dropped for lack of room at the last update. */
	public boolean overflowed() {
		return this.overflowed;
	}

	public int size() {
		return this.index.all.size();
	}

	private static Optional<Reason> first(List<RevocationRule> rules, TokenFacts token, Instant now) {
		if (rules == null) {
			return Optional.empty();
		}
		for (RevocationRule rule : rules) {
			Optional<Reason> reason = rule.appliesTo(token, now);
			if (reason.isPresent()) {
				return reason;
			}
		}
		return Optional.empty();
	}

	private static String taskKey(String subject, String taskId) {
		return subject + '\n' + taskId;
	}

	/** An immutable lookup structure over a set of rules. */
	private static final class Index {

		static final Index EMPTY = new Index(Map.of());

		final Map<Long, RevocationRule> all;

		final Map<String, List<RevocationRule>> byJti = new HashMap<>();

		final Map<String, List<RevocationRule>> byTask = new HashMap<>();

		final Map<String, List<RevocationRule>> bySubject = new HashMap<>();

		final Map<String, List<RevocationRule>> byClient = new HashMap<>();

		Index(Map<Long, RevocationRule> rules) {
			this.all = Map.copyOf(rules);
			for (RevocationRule rule : rules.values()) {
				switch (rule.kind()) {
					case TOKEN -> add(this.byJti, rule.jti(), rule);
					case TASK -> add(this.byTask, taskKey(rule.subject(), rule.taskId()), rule);
					case SUBJECT -> add(this.bySubject, rule.subject(), rule);
					case CLIENT -> add(this.byClient, rule.clientId(), rule);
				}
			}
		}

		private static void add(Map<String, List<RevocationRule>> map, String key, RevocationRule rule) {
			map.computeIfAbsent(key, (k) -> new ArrayList<>(1)).add(rule);
		}

	}

}
