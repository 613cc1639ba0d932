package dev.unifiedauth.authserver.audit;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.unifiedauth.authserver.accounts.UserAccount;
import dev.unifiedauth.authserver.accounts.UserAccounts;
import dev.unifiedauth.core.audit.AuditEvent;
import dev.unifiedauth.core.audit.AuditSink;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.AuthenticationException;

/**
 * Records every password login of a human ({@code login}: {@code success} or {@code failure} with the reason
 * {@code bad_credentials}, {@code locked}, {@code disabled} or {@code error}), from the authentication events that
 * Spring Security publishes while it authenticates, so before a session exists: when the entry cannot be written
 * the login fails with it (503). A success's chain is the human; a failure's is the account the email belongs
 * to, if any. Never a password, nor the email. Thread-safe.
 */
final class LoginEvents {

	static final String TYPE = "login";

	private final AuditSink audit;

	private final UserAccounts accounts;

	private final Clock clock;

	LoginEvents(AuditSink audit, UserAccounts accounts, Clock clock) {
		this.audit = audit;
		this.accounts = accounts;
		this.clock = clock;
	}

	@EventListener
	void succeeded(AuthenticationSuccessEvent event) {
		if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken login) {
			this.audit.record(AuditEvent.of(TYPE, this.clock.instant())
				.decision("success", null)
				.chain(List.of(login.getName()))
				.detail("method", "password")
				.build());
		}
	}

	@EventListener
	void failed(AbstractAuthenticationFailureEvent event) {
		if (!(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken attempt)) {
			return;
		}
		Optional<UserAccount> account = (attempt.getName() != null) ? this.accounts.findByEmail(attempt.getName())
				: Optional.empty();
		this.audit.record(AuditEvent.of(TYPE, this.clock.instant())
			.decision("failure", reason(event.getException()))
			.chain(account.map((found) -> List.of(found.id())).orElse(List.of()))
			.detail("method", "password")
			.detail("account", account.isPresent() ? null : "unknown")
			.build());
	}

	private static String reason(AuthenticationException exception) {
		if (exception instanceof BadCredentialsException) {
			return "bad_credentials";
		}
		if (exception instanceof LockedException) {
			return "locked"; // OAuth 2.1 §7.7: throttled after repeated failures
		}
		if (exception instanceof DisabledException) {
			return "disabled";
		}
		return (exception instanceof InternalAuthenticationServiceException) ? "error" : "refused";
	}

}
