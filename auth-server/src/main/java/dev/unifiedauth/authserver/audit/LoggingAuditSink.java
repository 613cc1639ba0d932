package dev.unifiedauth.authserver.audit;

import dev.unifiedauth.core.audit.AuditEvent;
import dev.unifiedauth.core.audit.AuditSink;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Writes audit events to the log, one line each. Events never carry tokens or secrets.
 */
public final class LoggingAuditSink implements AuditSink {

	private static final Log logger = LogFactory.getLog("unified-auth.audit");

	@Override
	public void record(AuditEvent event) {
		logger.info(event.type() + " " + event.decision() + " reason=" + event.reason() + " client=" + event.clientId()
				+ " chain=" + event.chain() + " task=" + event.taskId()
				+ ((event.resource() != null) ? " operation=" + event.resource() + ":" + event.action() : "")
				+ " jti=" + event.jti() + " " + event.details());
	}

}
