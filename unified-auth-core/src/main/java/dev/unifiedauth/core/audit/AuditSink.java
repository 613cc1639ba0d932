package dev.unifiedauth.core.audit;

/**
 * Where audit events go. Implementations are thread-safe and fail (throw) when they cannot record an event, so
 * that the operation the event describes fails too: nothing happens unrecorded.
 */
public interface AuditSink {

	void record(AuditEvent event);

}
