package dev.unifiedauth.authserver.login;

import java.util.List;

import dev.unifiedauth.authserver.accounts.UserAccount;
import dev.unifiedauth.authserver.accounts.UserAccounts;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Looks a human up by email and presents it under its stable id, so that the authenticated principal's name
 * (and with it every token's {@code sub}) is the id, never the email. Roles become {@code ROLE_<name>}.
 */
final class AccountUserDetailsService implements UserDetailsService {

	private final UserAccounts accounts;

	AccountUserDetailsService(UserAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public UserDetails loadUserByUsername(String email) {
		UserAccount account = this.accounts.findByEmail(email)
			.orElseThrow(() -> new UsernameNotFoundException("No account for the given email"));
		List<SimpleGrantedAuthority> authorities = account.roles()
			.stream()
			.sorted()
			.map((role) -> new SimpleGrantedAuthority("ROLE_" + role))
			.toList();
		return User.withUsername(account.id())
			.password(account.passwordHash())
			.disabled(!account.enabled())
			.authorities(authorities)
			.build();
	}

}
