package dev.unifiedauth.core.revocation;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.unifiedauth.core.token.ActorChain;
import dev.unifiedauth.core.token.DelegationClaims;

/**
 * What revocation rules look at in an access token: its identifier, the human it acts for, its task, every client
 * in its chain (the holder and each actor) and when it was issued.
 *
 * @param jti the token identifier
 * @param subject the human principal ({@code sub})
 * @param taskId the task it is bound to, or {@code null}
 * @param clients the client it was issued to and every actor of its chain
 * @param issuedAt its {@code iat}
 */
public record TokenFacts(String jti, String subject, String taskId, Set<String> clients, Instant issuedAt) {

	public TokenFacts {
		clients = Set.copyOf(clients);
	}

	/**
	 * @param claims the claims of a verified access token
	 * @throws IllegalArgumentException if {@code jti}, {@code sub} or {@code iat} is missing or malformed
	 */
	public static TokenFacts fromClaims(Map<String, Object> claims) {
		String jti = string(claims.get("jti"), "jti");
		String subject = string(claims.get("sub"), "sub");
		Object task = claims.get(DelegationClaims.TASK_ID);
		Set<String> clients = new LinkedHashSet<>();
		if (claims.get("client_id") instanceof String clientId) {
			clients.add(clientId);
		}
		clients.addAll(ActorChain.fromActClaim(claims.get(DelegationClaims.ACT)).actors());
		return new TokenFacts(jti, subject, (task instanceof String value) ? value : null, clients,
				instant(claims.get("iat")));
	}

	private static String string(Object value, String claim) {
		if (value instanceof String text && !text.isEmpty()) {
			return text;
		}
		throw new IllegalArgumentException("The token has no " + claim);
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
		throw new IllegalArgumentException("The token has no iat");
	}

}
