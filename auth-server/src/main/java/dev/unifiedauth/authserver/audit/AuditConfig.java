package dev.unifiedauth.authserver.audit;

import dev.unifiedauth.core.audit.AuditSink;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The audit sink every capability records to.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfig {

	@Bean
	AuditSink auditSink() {
		return new LoggingAuditSink();
	}

}
