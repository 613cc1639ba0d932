package dev.unifiedauth.authserver.audit;

import java.time.Clock;

import dev.unifiedauth.authserver.accounts.UserAccounts;
import dev.unifiedauth.core.audit.AuditSink;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail: the store, the sink every capability records to, the checkpoints (key file and exported file
 * from {@link AuditProperties}), the verifier, and the login events. The other emitters are wired where their
 * operation is: {@code AuthorizationServerConfig} (token issuance, consent, revocation), {@code delegation},
 * {@code decisions}, {@code approvals}, {@code registration}, {@code keys}, {@code dpop}.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfig {

	@Bean
	AuditTrail auditTrail(JdbcTemplate jdbc, TransactionTemplate transactions) {
		return new AuditTrail(jdbc, transactions);
	}

	@Bean
	CheckpointKey auditCheckpointKey(AuditProperties properties) {
		return CheckpointKey.loadOrCreate(properties.checkpointKeyFile());
	}

	@Bean
	CheckpointExport auditCheckpointExport(AuditProperties properties) {
		return new CheckpointExport(properties.checkpointExportFile());
	}

	@Bean
	Checkpoints auditCheckpoints(JdbcTemplate jdbc, TransactionTemplate transactions, CheckpointKey key,
			CheckpointExport export, Clock clock, AuditProperties properties) {
		return new Checkpoints(jdbc, transactions, key, export, clock, properties.checkpointEvery());
	}

	@Bean
	JdbcAuditSink auditSink(AuditTrail trail, Checkpoints checkpoints) {
		return new JdbcAuditSink(trail, checkpoints);
	}

	@Bean
	AuditVerifier auditVerifier(AuditTrail trail, CheckpointKey key, CheckpointExport export) {
		return new AuditVerifier(trail, key, export);
	}

	@Bean
	LoginEvents loginEvents(AuditSink audit, UserAccounts accounts, Clock clock) {
		return new LoginEvents(audit, accounts, clock);
	}

	@Bean
	CheckpointTimer auditCheckpointTimer(Checkpoints checkpoints) {
		return new CheckpointTimer(checkpoints);
	}

	/** Checkpoints the head of a trail that moved since its last checkpoint, every checkpoint interval. */
	static final class CheckpointTimer {

		private static final Log logger = LogFactory.getLog(CheckpointTimer.class);

		private final Checkpoints checkpoints;

		CheckpointTimer(Checkpoints checkpoints) {
			this.checkpoints = checkpoints;
		}

		@Scheduled(fixedDelayString = "${unified-auth.audit.checkpoint-interval:5m}",
				initialDelayString = "${unified-auth.audit.checkpoint-interval:5m}")
		void checkpointHead() {
			try {
				this.checkpoints.checkpointHead();
			}
			catch (RuntimeException ex) {
				logger.warn("Could not checkpoint the audit trail; retrying at the next interval", ex);
			}
		}

	}

}
