package dev.unifiedauth.authserver.delegation;

import java.util.List;

/**
 * Where every token exchange, granted or refused, is reported: the single call site is
 * {@link TokenExchangeProvider}. The audit trail persists these; until then they are logged. Implementations
 * must be thread-safe and must fail (throw) when they cannot record, so that nothing is issued unrecorded.
 */
public interface DelegationEvents {

	void exchanged(Exchange exchange);

	/**
	 * One token exchange. Never holds a token or a secret.
	 *
	 * @param granted whether a token was issued
	 * @param reason {@code granted}, or why it was refused
	 * @param clientId the requesting client
	 * @param chain the human and the actors, root to leaf, as far as known
	 * @param taskId the task, if known
	 * @param subjectJti the {@code jti} of the subject token, if it was valid
	 * @param issuedJti the {@code jti} of the issued token, if any
	 * @param scope the issued scope, if any
	 */
	record Exchange(boolean granted, String reason, String clientId, List<String> chain, String taskId,
			String subjectJti, String issuedJti, String scope) {

		public Exchange {
			chain = List.copyOf(chain);
		}

	}

}
