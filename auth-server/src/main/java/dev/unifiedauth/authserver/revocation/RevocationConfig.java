package dev.unifiedauth.authserver.revocation;

import java.time.Clock;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.unifiedauth.authserver.UnifiedAuthProperties;
import dev.unifiedauth.authserver.accounts.UserAccounts;
import dev.unifiedauth.authserver.clients.EnabledClients;
import dev.unifiedauth.authserver.delegation.DelegatedTokens;
import dev.unifiedauth.authserver.token.RefreshTokenLineage;
import dev.unifiedauth.authserver.delegation.DelegationProperties;
import dev.unifiedauth.authserver.delegation.Tasks;
import dev.unifiedauth.core.audit.AuditSink;
import dev.unifiedauth.core.revocation.RevocationLog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Revocation: the shared log and its feed, task revocation and deadlines, what dies with a revoked token, and
 * disabling accounts and clients.
 */
@Configuration(proxyBeanMethods = false)
class RevocationConfig {

	private static final Log logger = LogFactory.getLog(RevocationConfig.class);

	/** Rules recorded this recently are served to every poll again (see {@link RevocationLog#since}). */
	private static final Duration COMMIT_WINDOW = Duration.ofSeconds(2);

	@Bean
	JdbcRevocationLog revocationLog(JdbcTemplate jdbc) {
		return new JdbcRevocationLog(jdbc, COMMIT_WINDOW);
	}

	@Bean
	RevokedTokens revokedTokens(DelegatedTokens tokens, RevocationLog log, RefreshTokenLineage lineage) {
		return new RevokedTokens(tokens, log, lineage);
	}

	@Bean
	TaskRevocation taskRevocation(Tasks tasks, DelegatedTokens tokens, RevocationLog log, AuditSink audit,
			TransactionTemplate transactions, Clock clock, DelegationProperties delegation) {
		return new TaskRevocation(tasks, tokens, log, audit, transactions, clock, delegation.agentTokenTtl());
	}

	@Bean
	Suspensions suspensions(UserAccounts accounts, EnabledClients clients, RevocationLog log, AuditSink audit,
			TransactionTemplate transactions, Clock clock, UnifiedAuthProperties server,
			DelegationProperties delegation) {
		Duration longest = server.tokens().accessTokenTtl().compareTo(delegation.agentTokenTtl()) > 0
				? server.tokens().accessTokenTtl() : delegation.agentTokenTtl();
		return new Suspensions(accounts, clients, log, audit, transactions, clock, longest);
	}

	@Bean
	RevocationHousekeeping revocationHousekeeping(RevocationLog log, Clock clock) {
		return new RevocationHousekeeping(log, clock);
	}

	/** Deletes rules whose tokens have all expired, so that the log stays as small as the live tokens. */
	static final class RevocationHousekeeping {

		private final RevocationLog log;

		private final Clock clock;

		RevocationHousekeeping(RevocationLog log, Clock clock) {
			this.log = log;
			this.clock = clock;
		}

		@Scheduled(fixedDelayString = "${unified-auth.revocation.housekeeping-interval:1m}",
				initialDelayString = "${unified-auth.revocation.housekeeping-interval:1m}")
		void forgetExpired() {
			int forgotten = this.log.forgetExpired(this.clock.instant());
			if (forgotten > 0) {
				logger.debug("Forgot " + forgotten + " revocation rules whose tokens have all expired");
			}
		}

	}

}
