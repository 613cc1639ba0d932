package dev.unifiedauth.authserver.login;

import java.time.Instant;
import java.util.Optional;

import dev.unifiedauth.authserver.accounts.UserAccount;
import dev.unifiedauth.authserver.storage.Sha256;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Puts the {@link LoginThrottle} in front of password authentication: a locked account is refused before its
 * password is checked, a wrong password counts as a failure, a success clears the count. The key is a hash of
 * the normalised email whether or not an account exists, so that locking reveals nothing about existence.
 */
final class ThrottledAuthenticationProvider implements AuthenticationProvider {

	private final AuthenticationProvider passwords;

	private final LoginThrottle throttle;

	ThrottledAuthenticationProvider(AuthenticationProvider passwords, LoginThrottle throttle) {
		this.passwords = passwords;
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String key = accountKey(authentication.getName());
		Optional<Instant> lockedUntil = this.throttle.lockedUntil(key);
		if (lockedUntil.isPresent()) {
			throw new LockedException("Too many failed logins; locked until " + lockedUntil.get());
		}
		try {
			Authentication result = this.passwords.authenticate(authentication);
			this.throttle.recordSuccess(key);
			return result;
		}
		catch (BadCredentialsException ex) {
			this.throttle.recordFailure(key);
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	static String accountKey(String loginName) {
		String normalized = UserAccount.normalizeEmail(loginName);
		return Sha256.hex("login:" + ((normalized != null) ? normalized : ""));
	}

}
