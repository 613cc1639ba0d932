package dev.unifiedauth.authserver.login;

import java.time.Clock;
import java.util.Map;

import dev.unifiedauth.authserver.UnifiedAuthProperties;
import dev.unifiedauth.authserver.accounts.PasswordHashing;
import dev.unifiedauth.authserver.accounts.UserAccounts;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsChecker;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Password authentication of humans, behind the per-account throttle. The browser-facing filter chain that
 * uses it lives in {@code web.WebSecurityConfig}.
 */
@Configuration(proxyBeanMethods = false)
class LoginConfig {

	@Bean
	LoginThrottle loginThrottle(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock,
			UnifiedAuthProperties properties) {
		return new JdbcLoginThrottle(jdbc, transactions, clock, properties.login());
	}

	/**
	 * The only {@link AuthenticationProvider} bean: Spring Security registers it with the global
	 * authentication manager that form login uses.
	 */
	@Bean
	AuthenticationProvider humanAuthenticationProvider(UserAccounts accounts, PasswordHashing passwords,
			LoginThrottle throttle) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(new AccountUserDetailsService(accounts));
		provider.setPasswordEncoder(passwords.encoder());
		// Check the account's status only after its password matched, so that a wrong password never learns
		// whether the account is disabled.
		provider.setPreAuthenticationChecks(noChecks());
		provider.setPostAuthenticationChecks((user) -> {
			if (!user.isEnabled()) {
				throw new DisabledException("Account disabled");
			}
		});
		return new ThrottledAuthenticationProvider(provider, throttle);
	}

	private static UserDetailsChecker noChecks() {
		return (user) -> {
		};
	}

	static ExceptionMappingAuthenticationFailureHandler loginFailureHandler() {
		ExceptionMappingAuthenticationFailureHandler handler = new ExceptionMappingAuthenticationFailureHandler();
		handler.setDefaultFailureUrl("/login?error");
		handler.setExceptionMappings(Map.of(LockedException.class.getName(), "/login?locked",
				DisabledException.class.getName(), "/login?disabled"));
		return handler;
	}

}
