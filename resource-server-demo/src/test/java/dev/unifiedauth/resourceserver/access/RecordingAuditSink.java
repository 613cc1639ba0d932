package dev.unifiedauth.resourceserver.access;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.unifiedauth.core.audit.AuditEvent;
import dev.unifiedauth.core.audit.AuditSink;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Keeps every audit event in memory, and can be told to fail. Thread-safe.
 */
public final class RecordingAuditSink implements AuditSink {

	private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

	private volatile boolean failing;

	@Override
	public void record(AuditEvent event) {
		if (this.failing) {
			throw new IllegalStateException("audit store down");
		}
		this.events.add(event);
	}

	public void failing(boolean failing) {
		this.failing = failing;
	}

	/** The events about the token with this {@code jti}. */
	public List<AuditEvent> forJti(String jti) {
		return this.events.stream().filter((event) -> jti.equals(event.jti())).toList();
	}

	public List<AuditEvent> all() {
		return List.copyOf(this.events);
	}

	/** Replaces the application's sink in tests. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		@Primary
		RecordingAuditSink recordingAuditSink() {
			return new RecordingAuditSink();
		}

	}

}
