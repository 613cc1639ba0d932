package dev.unifiedauth.authserver.revocation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.unifiedauth.core.policy.Reason;
import dev.unifiedauth.core.revocation.RevocationLog;
import dev.unifiedauth.core.revocation.RevocationRule;
import dev.unifiedauth.core.revocation.TokenFacts;

import org.springframework.jdbc.core.JdbcTemplate;

import static dev.unifiedauth.authserver.storage.DbTime.fromDb;
import static dev.unifiedauth.authserver.storage.DbTime.toDb;

/**
 * The revocation log in the {@code revocation_event} table: the embedded H2 database for one node, PostgreSQL for
 * several nodes behind a load balancer (every node and every resource server then sees the same rules).
 * Thread-safe.
 */
public final class JdbcRevocationLog implements RevocationLog {

	private static final String COLUMNS = "seq, kind, jti, subject, task_id, client_id, reason, effective_at,"
			+ " retain_until";

	private final JdbcTemplate jdbc;

	private final Duration commitWindow;

	/**
	 * @param commitWindow how long after it was recorded a rule is served again to every reader, to cover
	 * transactions that commit after a later sequence number was already read
	 */
	public JdbcRevocationLog(JdbcTemplate jdbc, Duration commitWindow) {
		this.jdbc = jdbc;
		this.commitWindow = commitWindow;
	}

	@Override
	public void append(Collection<RevocationRule> rules, Instant now) {
		for (RevocationRule rule : rules) {
			this.jdbc.update("INSERT INTO revocation_event (kind, jti, subject, task_id, client_id, reason,"
					+ " effective_at, retain_until, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rule.kind().code(),
					rule.jti(), rule.subject(), rule.taskId(), rule.clientId(), rule.reason().code(),
					toDb(rule.effectiveAt()), toDb(rule.retainUntil()), toDb(now));
		}
	}

	@Override
	public Page since(long after, Instant now, int limit) {
		List<RevocationRule> rules = this.jdbc.query("SELECT " + COLUMNS + " FROM revocation_event"
				+ " WHERE retain_until > ? AND (seq > ? OR created_at >= ?) ORDER BY seq FETCH FIRST ? ROWS ONLY",
				JdbcRevocationLog::rule, toDb(now), after, toDb(now.minus(this.commitWindow)), limit + 1);
		boolean more = rules.size() > limit;
		List<RevocationRule> page = more ? rules.subList(0, limit) : rules;
		long next = after;
		for (RevocationRule rule : page) {
			next = Math.max(next, rule.seq());
		}
		return new Page(page, next, more);
	}

	@Override
	public Optional<Reason> check(TokenFacts token, Instant now) {
		List<Object> arguments = new ArrayList<>(List.of(toDb(now), token.jti(), token.subject()));
		StringBuilder clients = new StringBuilder();
		for (String client : token.clients()) {
			clients.append(clients.isEmpty() ? "?" : ", ?");
			arguments.add(client);
		}
		String byClient = clients.isEmpty() ? "" : " OR client_id IN (" + clients + ")";
		List<RevocationRule> candidates = this.jdbc.query("SELECT " + COLUMNS + " FROM revocation_event"
				+ " WHERE retain_until > ? AND (jti = ? OR subject = ?" + byClient + ")", JdbcRevocationLog::rule,
				arguments.toArray());
		for (RevocationRule rule : candidates) {
			Optional<Reason> reason = rule.appliesTo(token, now);
			if (reason.isPresent()) {
				return reason;
			}
		}
		return Optional.empty();
	}

	@Override
	public int forgetExpired(Instant now) {
		return this.jdbc.update("DELETE FROM revocation_event WHERE retain_until <= ?", toDb(now));
	}

	private static RevocationRule rule(ResultSet rs, int row) throws SQLException {
		return new RevocationRule(rs.getLong("seq"),
				RevocationRule.Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)), rs.getString("jti"),
				rs.getString("subject"), rs.getString("task_id"), rs.getString("client_id"),
				Reason.valueOf(rs.getString("reason").toUpperCase(Locale.ROOT)), fromDb(rs, "effective_at"),
				fromDb(rs, "retain_until"));
	}

}
