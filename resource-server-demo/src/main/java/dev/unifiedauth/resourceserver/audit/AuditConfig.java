package dev.unifiedauth.resourceserver.audit;

import dev.unifiedauth.core.audit.AuditSink;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The audit sink the resource server records its decisions to: the log, until the shared audit trail exists.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfig {

	@Bean
	AuditSink auditSink() {
		return new LoggingAuditSink();
	}

}
