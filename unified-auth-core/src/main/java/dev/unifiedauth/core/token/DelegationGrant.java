package dev.unifiedauth.core.token;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an access token allows, as far as delegation is concerned: the human it acts for, the actors, the scopes,
 * the audience, the attenuations, the task and the expiry. Read from a token's claims and written into a new
 * token's claims. Immutable.
 *
 * @param subject the human ({@code sub})
 * @param chain the actors; empty for a human's own token
 * @param scopes granted scopes
 * @param audience resource servers the token is for ({@code aud})
 * @param scopedResources resources the delegation was limited to; {@code null} when not limited
 * @param readOnly whether only non-writing actions remain
 * @param task the task; {@code null} for a human's own token
 * @param expiresAt {@code exp}
 * @param mayAct the only agent allowed to act next; {@code null} when not restricted
 */
public record DelegationGrant(String subject, ActorChain chain, Set<String> scopes, List<String> audience,
		Set<String> scopedResources, boolean readOnly, TaskId task, Instant expiresAt, String mayAct) {

	public DelegationGrant {
		scopes = Set.copyOf(scopes);
		audience = List.copyOf(audience);
		scopedResources = (scopedResources != null) ? Set.copyOf(scopedResources) : null;
	}

	/**
	 * The same grant expiring no later than {@code deadline} (a task deadline only ever shortens a token's life).
	 * @param deadline the latest expiry, or {@code null} for no limit
	 */
	public DelegationGrant expiringBy(Instant deadline) {
		if (deadline == null || !deadline.isBefore(this.expiresAt)) {
			return this;
		}
		return new DelegationGrant(this.subject, this.chain, this.scopes, this.audience, this.scopedResources,
				this.readOnly, this.task, deadline, this.mayAct);
	}

	/**
	 * Reads the delegation-relevant claims of a verified token.
	 * @throws IllegalArgumentException if a claim has the wrong shape
	 */
	public static DelegationGrant fromClaims(Map<String, Object> claims) {
		if (!(claims.get("sub") instanceof String subject) || subject.isBlank()) {
			throw new IllegalArgumentException("sub is missing");
		}
		Object scope = claims.get("scope");
		Set<String> scopes = new TreeSet<>();
		if (scope instanceof String value) {
			Arrays.stream(value.split(" ")).filter((s) -> !s.isEmpty()).forEach(scopes::add);
		}
		else if (scope != null) {
			throw new IllegalArgumentException("scope must be a space-separated string");
		}
		Object taskId = claims.get(DelegationClaims.TASK_ID);
		Object readOnly = claims.get(DelegationClaims.READ_ONLY);
		Object scoped = claims.get(DelegationClaims.SCOPED_RESOURCES);
		return new DelegationGrant(subject, ActorChain.fromActClaim(claims.get(DelegationClaims.ACT)), scopes,
				strings(claims.get("aud"), "aud"), (scoped != null) ? new TreeSet<>(strings(scoped, "scoped_resources")) : null,
				Boolean.TRUE.equals(readOnly), (taskId != null) ? new TaskId(String.valueOf(taskId)) : null,
				instant(claims.get("exp")), mayAct(claims.get(DelegationClaims.MAY_ACT)));
	}

	/** The delegation claims of a token carrying this grant (mutable maps and lists). */
	public Map<String, Object> toClaims() {
		Map<String, Object> claims = new HashMap<>();
		claims.put("sub", this.subject);
		claims.put("scope", String.join(" ", new TreeSet<>(this.scopes)));
		claims.put("aud", new ArrayList<>(this.audience));
		if (!this.chain.isEmpty()) {
			claims.put(DelegationClaims.ACT, this.chain.toActClaim());
		}
		if (this.task != null) {
			claims.put(DelegationClaims.TASK_ID, this.task.value());
		}
		if (this.scopedResources != null) {
			claims.put(DelegationClaims.SCOPED_RESOURCES, new ArrayList<>(new TreeSet<>(this.scopedResources)));
		}
		if (this.readOnly) {
			claims.put(DelegationClaims.READ_ONLY, true);
		}
		if (this.mayAct != null) {
			Map<String, Object> mayAct = new HashMap<>();
			mayAct.put("sub", this.mayAct);
			claims.put(DelegationClaims.MAY_ACT, mayAct);
		}
		return claims;
	}

	private static List<String> strings(Object value, String claim) {
		if (value == null) {
			return List.of();
		}
		if (value instanceof String single) {
			return List.of(single);
		}
		if (value instanceof Collection<?> many) {
			List<String> result = new ArrayList<>();
			for (Object item : many) {
				if (!(item instanceof String text)) {
					throw new IllegalArgumentException(claim + " must contain strings");
				}
				result.add(text);
			}
			return result;
		}
		throw new IllegalArgumentException(claim + " must be a string or an array of strings");
	}

	private static Instant instant(Object value) {
		if (value instanceof Instant instant) {
			return instant;
		}
		if (value instanceof Date date) {
			return date.toInstant();
		}
		if (value instanceof Number seconds) {
			return Instant.ofEpochSecond(seconds.longValue());
		}
		throw new IllegalArgumentException("exp is missing");
	}

	private static String mayAct(Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof Map<?, ?> map && map.get("sub") instanceof String sub && !sub.isBlank()) {
			return sub;
		}
		throw new IllegalArgumentException("may_act must be an object with a string sub (RFC 8693 §4.4)");
	}

}
