package dev.unifiedauth.resourceserver.audit;

import dev.unifiedauth.core.audit.AuditEvent;
import dev.unifiedauth.core.audit.AuditSink;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Writes audit events to the log ({@code unified-auth.audit}), one line each. Events never carry tokens or
 * secrets. Thread-safe.
 */
final class LoggingAuditSink implements AuditSink {

	private static final Log logger = LogFactory.getLog("unified-auth.audit");

	@Override
	public void record(AuditEvent event) {
		logger.info(event.type() + " " + event.decision() + " reason=" + event.reason() + " source=" + event.source()
				+ " client=" + event.clientId() + " chain=" + event.chain() + " task=" + event.taskId()
				+ ((event.resource() != null) ? " operation=" + event.resource() + ":" + event.action() : "")
				+ " jti=" + event.jti() + " " + event.details());
	}

}
