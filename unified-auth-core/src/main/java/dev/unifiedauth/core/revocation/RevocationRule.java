package dev.unifiedauth.core.revocation;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.unifiedauth.core.policy.Reason;

/**
 * One entry of the revocation feed: which tokens stop being trusted, from when, and for how long the rule must be
 * kept (until every token it can match has expired anyway).
 * <ul>
 * <li>{@link Kind#TOKEN}: the token with this {@code jti};</li>
 * <li>{@link Kind#TASK}: every token of this human's task, from {@code effectiveAt} on (a revocation takes effect
 * at once; a task deadline at the deadline, reason {@code expired});</li>
 * <li>{@link Kind#SUBJECT}: every token acting for this human issued at or before {@code effectiveAt} (the account
 * was disabled);</li>
 * <li>{@link Kind#CLIENT}: every token held by this client or naming it in its actor chain, issued at or before
 * {@code effectiveAt} (the client was disabled).</li>
 * </ul>
 *
 * @param seq the position in the feed (assigned by the store; 0 before it is stored)
 * @param kind what the rule matches on
 * @param jti the token identifier, for {@link Kind#TOKEN}
 * @param subject the human, for {@link Kind#TASK} and {@link Kind#SUBJECT}
 * @param taskId the task, for {@link Kind#TASK}
 * @param clientId the client, for {@link Kind#CLIENT}
 * @param reason {@link Reason#REVOKED}, or {@link Reason#EXPIRED} for a task deadline
 * @param effectiveAt see above
 * @param retainUntil when no token the rule can match is still unexpired
 */
public record RevocationRule(long seq, Kind kind, String jti, String subject, String taskId, String clientId,
		Reason reason, Instant effectiveAt, Instant retainUntil) {

	public RevocationRule {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(effectiveAt, "effectiveAt");
		Objects.requireNonNull(retainUntil, "retainUntil");
		if (reason != Reason.REVOKED && reason != Reason.EXPIRED) {
			throw new IllegalArgumentException("reason must be revoked or expired");
		}
		String key = switch (kind) {
			case TOKEN -> jti;
			case TASK -> (subject == null) ? null : taskId;
			case SUBJECT -> subject;
			case CLIENT -> clientId;
		};
		if (key == null || key.isEmpty()) {
			throw new IllegalArgumentException("A " + kind.code() + " rule needs its key");
		}
	}

	public static RevocationRule token(String jti, Instant at, Instant tokenExpiresAt) {
		return new RevocationRule(0, Kind.TOKEN, jti, null, null, null, Reason.REVOKED, at, tokenExpiresAt);
	}

	public static RevocationRule task(String subject, String taskId, Reason reason, Instant effectiveAt,
			Instant retainUntil) {
		return new RevocationRule(0, Kind.TASK, null, subject, taskId, null, reason, effectiveAt, retainUntil);
	}

	public static RevocationRule subject(String subject, Instant at, Instant retainUntil) {
		return new RevocationRule(0, Kind.SUBJECT, null, subject, null, null, Reason.REVOKED, at, retainUntil);
	}

	public static RevocationRule client(String clientId, Instant at, Instant retainUntil) {
		return new RevocationRule(0, Kind.CLIENT, null, null, null, clientId, Reason.REVOKED, at, retainUntil);
	}

	/** The same rule at its place in the feed. */
	public RevocationRule withSeq(long position) {
		return new RevocationRule(position, this.kind, this.jti, this.subject, this.taskId, this.clientId,
				this.reason, this.effectiveAt, this.retainUntil);
	}

	/**
	 * @return why the token is no longer valid at {@code now}, or empty if this rule does not apply to it
	 */
	public Optional<Reason> appliesTo(TokenFacts token, Instant now) {
		boolean applies = switch (this.kind) {
			case TOKEN -> this.jti.equals(token.jti());
			case TASK -> this.subject.equals(token.subject()) && this.taskId.equals(token.taskId())
					&& !now.isBefore(this.effectiveAt);
			case SUBJECT -> this.subject.equals(token.subject()) && !token.issuedAt().isAfter(this.effectiveAt);
			case CLIENT -> token.clients().contains(this.clientId) && !token.issuedAt().isAfter(this.effectiveAt);
		};
		return applies ? Optional.of(this.reason) : Optional.empty();
	}

	/** The feed's JSON form (absent keys are omitted; times are RFC 3339). */
	public Map<String, Object> toMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("seq", this.seq);
		map.put("kind", this.kind.code());
		putIfPresent(map, "jti", this.jti);
		putIfPresent(map, "sub", this.subject);
		putIfPresent(map, "task_id", this.taskId);
		putIfPresent(map, "client_id", this.clientId);
		map.put("reason", this.reason.code());
		map.put("effective_at", this.effectiveAt.toString());
		map.put("retain_until", this.retainUntil.toString());
		return map;
	}

	/**
	 * @throws IllegalArgumentException if the map is not a rule in the feed's form
	 */
	public static RevocationRule fromMap(Map<?, ?> map) {
		try {
			Object seq = map.get("seq");
			if (!(seq instanceof Number position)) {
				throw new IllegalArgumentException("seq is missing");
			}
			return new RevocationRule(position.longValue(), Kind.fromCode(text(map, "kind")), optional(map, "jti"),
					optional(map, "sub"), optional(map, "task_id"), optional(map, "client_id"),
					Reason.valueOf(text(map, "reason").toUpperCase(Locale.ROOT)),
					Instant.parse(text(map, "effective_at")), Instant.parse(text(map, "retain_until")));
		}
		catch (DateTimeParseException | NullPointerException ex) {
			throw new IllegalArgumentException("Malformed revocation rule", ex);
		}
	}

	private static String text(Map<?, ?> map, String key) {
		if (map.get(key) instanceof String value) {
			return value;
		}
		throw new IllegalArgumentException(key + " is missing");
	}

	private static String optional(Map<?, ?> map, String key) {
		return (map.get(key) instanceof String value) ? value : null;
	}

	private static void putIfPresent(Map<String, Object> map, String key, String value) {
		if (value != null) {
			map.put(key, value);
		}
	}

	/** What a rule matches on. */
	public enum Kind {

		TOKEN, TASK, SUBJECT, CLIENT;

		public String code() {
			return name().toLowerCase(Locale.ROOT);
		}

		static Kind fromCode(String code) {
			for (Kind kind : values()) {
				if (kind.code().equals(code)) {
					return kind;
				}
			}
			throw new IllegalArgumentException("Unknown rule kind");
		}

	}

}
