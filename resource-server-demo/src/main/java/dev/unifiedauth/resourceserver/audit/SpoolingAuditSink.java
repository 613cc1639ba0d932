package dev.unifiedauth.resourceserver.audit;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.unifiedauth.core.audit.AuditEvent;
import dev.unifiedauth.core.audit.AuditSink;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records this server's audit events for the one trail at the authorization server: each event gets a fresh
 * {@code event_id} (so that redelivery is recognised there) and goes into the {@link AuditSpool} before the
 * operation goes on; the {@link AuditShipper} delivers it. It is also logged, one line each. If the spool cannot
 * take the event, {@link #record} throws and the operation fails. Thread-safe.
 */
final class SpoolingAuditSink implements AuditSink {

	private final AuditSpool spool;

	private final JsonMapper json;

	private final LoggingAuditSink log = new LoggingAuditSink();

	SpoolingAuditSink(AuditSpool spool, JsonMapper json) {
		this.spool = spool;
		this.json = json;
	}

	@Override
	public void record(AuditEvent event) {
		try {
			this.spool.append(this.json.writeValueAsString(wire(event)));
		}
		catch (UncheckedIOException ex) {
			throw new IllegalStateException("The audit event could not be spooled: " + ex.getMessage(), ex);
		}
		this.log.record(event);
	}

	/** The members of the authorization server's ingestion API ({@code POST /audit/v1/events}). */
	static Map<String, Object> wire(AuditEvent event) {
		Map<String, Object> wire = new LinkedHashMap<>();
		wire.put("event_id", UUID.randomUUID().toString());
		wire.put("time", event.time().toString());
		wire.put("type", event.type());
		putIfPresent(wire, "decision", event.decision());
		putIfPresent(wire, "reason", event.reason());
		putIfPresent(wire, "source", event.source());
		putIfPresent(wire, "client_id", event.clientId());
		wire.put("chain", event.chain());
		putIfPresent(wire, "task_id", event.taskId());
		putIfPresent(wire, "resource", event.resource());
		putIfPresent(wire, "action", event.action());
		putIfPresent(wire, "jti", event.jti());
		wire.put("details", event.details());
		return wire;
	}

	private static void putIfPresent(Map<String, Object> wire, String name, String value) {
		if (value != null) {
			wire.put(name, value);
		}
	}

}
