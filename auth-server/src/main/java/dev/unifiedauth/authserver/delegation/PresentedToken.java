package dev.unifiedauth.authserver.delegation;

import java.util.Map;

import dev.unifiedauth.core.token.DelegationGrant;

/**
 * A token presented in a token exchange, verified: this server signed it, it is current and not revoked.
 *
 * @param value the token
 * @param jti its identifier
 * @param kind whose token it is
 * @param clientId the client it was issued to (its holder)
 * @param jkt the thumbprint of the key it is bound to, or {@code null} for a bearer token
 * @param grant what it allows
 * @param claims all its claims
 * @param rootGrant the human's grant (Spring authorization id) it is or descends from; {@code null} for a client's
 * own token
 */
public record PresentedToken(String value, String jti, Kind kind, String clientId, String jkt, DelegationGrant grant,
		Map<String, Object> claims, String rootGrant) {

	/** Whose token it is. */
	public enum Kind {

		/** A human's own token (authorization code or refresh grant). */
		HUMAN,

		/** An agent token issued by token exchange (it has {@code act}). */
		AGENT,

		/** A client's own token (client credentials): an agent's identity, never a subject. */
		CLIENT

	}

}
