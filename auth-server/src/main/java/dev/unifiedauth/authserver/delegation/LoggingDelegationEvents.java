package dev.unifiedauth.authserver.delegation;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Reports token exchanges to the log (no tokens, no secrets). Replaced by the audit trail.
 */
public final class LoggingDelegationEvents implements DelegationEvents {

	private static final Log logger = LogFactory.getLog("unified-auth.delegation");

	@Override
	public void exchanged(Exchange exchange) {
		String line = "token exchange " + (exchange.granted() ? "granted" : "refused") + " reason="
				+ exchange.reason() + " client=" + exchange.clientId() + " chain=" + exchange.chain() + " task="
				+ exchange.taskId() + " subject_jti=" + exchange.subjectJti() + " issued_jti=" + exchange.issuedJti()
				+ " scope=" + exchange.scope();
		if (exchange.granted()) {
			logger.info(line);
		}
		else {
			logger.warn(line);
		}
	}

}
