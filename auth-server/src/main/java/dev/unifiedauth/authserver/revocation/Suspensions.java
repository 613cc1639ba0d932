package dev.unifiedauth.authserver.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.unifiedauth.authserver.accounts.UserAccounts;
import dev.unifiedauth.authserver.clients.ClientSettingNames;
import dev.unifiedauth.authserver.clients.EnabledClients;
import dev.unifiedauth.core.audit.AuditEvent;
import dev.unifiedauth.core.audit.AuditSink;
import dev.unifiedauth.core.revocation.RevocationLog;
import dev.unifiedauth.core.revocation.RevocationRule;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Disabling and enabling accounts and clients. Disabling stops new tokens at once (login, refresh and exchange
 * refuse) and, through a rule of the revocation feed, every token already issued for that human or naming that
 * client anywhere in its chain. Enabling again does not revive those tokens. Thread-safe.
 */
public final class Suspensions {

	private final UserAccounts accounts;

	private final EnabledClients clients;

	private final RevocationLog log;

	private final AuditSink audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Duration longestTokenTtl;

	/**
	 * @param longestTokenTtl the longest lifetime of an access token this server issues; rules are kept that long
	 */
	public Suspensions(UserAccounts accounts, EnabledClients clients, RevocationLog log, AuditSink audit,
			TransactionTemplate transactions, Clock clock, Duration longestTokenTtl) {
		this.accounts = accounts;
		this.clients = clients;
		this.log = log;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
		this.longestTokenTtl = longestTokenTtl;
	}

	/** @return whether the account exists and was enabled */
	public boolean disableAccount(String userId, String by) {
		return Boolean.TRUE.equals(this.transactions.execute((status) -> {
			Instant now = this.clock.instant();
			if (!this.accounts.setEnabled(userId, false)) {
				return false;
			}
			this.log.append(List.of(RevocationRule.subject(userId, now, now.plus(this.longestTokenTtl))), now);
			record("account.disabled", now, by, userId, null);
			return true;
		}));
	}

	/** @return whether the account exists and was disabled */
	public boolean enableAccount(String userId, String by) {
		return Boolean.TRUE.equals(this.transactions.execute((status) -> {
			Instant now = this.clock.instant();
			if (!this.accounts.setEnabled(userId, true)) {
				return false;
			}
			record("account.enabled", now, by, userId, null);
			return true;
		}));
	}

	/** @return whether the client exists and was enabled */
	public boolean disableClient(String clientId, String by) {
		return setClientDisabled(clientId, true, by);
	}

	/** @return whether the client exists and was disabled */
	public boolean enableClient(String clientId, String by) {
		return setClientDisabled(clientId, false, by);
	}

	private boolean setClientDisabled(String clientId, boolean disabled, String by) {
		return Boolean.TRUE.equals(this.transactions.execute((status) -> {
			RegisteredClient client = this.clients.findIncludingDisabled(clientId);
			if (client == null || ClientSettingNames.isDisabled(client.getClientSettings()) == disabled) {
				return false;
			}
			Instant now = this.clock.instant();
			ClientSettings settings = ClientSettings.withSettings(client.getClientSettings().getSettings())
				.setting(ClientSettingNames.DISABLED, disabled)
				.build();
			this.clients.save(RegisteredClient.from(client).clientSettings(settings).build());
			if (disabled) {
				this.log.append(List.of(RevocationRule.client(clientId, now, now.plus(this.longestTokenTtl))), now);
			}
			record(disabled ? "client.disabled" : "client.enabled", now, by, null, clientId);
			return true;
		}));
	}

	/** The administrator who made the change is the chain; what changed is a detail. */
	private void record(String type, Instant now, String by, String userId, String clientId) {
		this.audit.record(AuditEvent.of(type, now)
			.decision("changed", type.substring(type.indexOf('.') + 1))
			.source("auth-server")
			.chain(List.of(by))
			.detail("account", userId)
			.detail("target_client", clientId)
			.build());
	}

}
