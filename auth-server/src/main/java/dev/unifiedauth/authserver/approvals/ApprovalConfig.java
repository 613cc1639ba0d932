package dev.unifiedauth.authserver.approvals;

import java.time.Clock;

import dev.unifiedauth.authserver.UnifiedAuthProperties;
import dev.unifiedauth.authserver.delegation.PresentedTokens;
import dev.unifiedauth.core.audit.AuditSink;
import dev.unifiedauth.core.policy.PermissionPolicy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The approval store and rules.
 */
@Configuration(proxyBeanMethods = false)
class ApprovalConfig {

	@Bean
	Approvals approvals(JdbcTemplate jdbc) {
		return new Approvals(jdbc);
	}

	@Bean
	ApprovalService approvalService(Approvals approvals, PresentedTokens tokens, PermissionPolicy policy,
			ApprovalProperties properties, UnifiedAuthProperties server, AuditSink audit,
			TransactionTemplate transactions, Clock clock) {
		return new ApprovalService(approvals, tokens, policy, properties, server.issuer(), audit, transactions,
				clock);
	}

}
