package dev.unifiedauth.authserver.login;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ThrottledAuthenticationProviderTests {

	private final RecordingThrottle throttle = new RecordingThrottle();

	private final AuthenticationProvider passwords = new AuthenticationProvider() {
		@Override
		public org.springframework.security.core.Authentication authenticate(
				org.springframework.security.core.Authentication authentication) {
			if (!"right".equals(authentication.getCredentials())) {
				throw new BadCredentialsException("bad");
			}
			return UsernamePasswordAuthenticationToken.authenticated("usr-1", null, Set.of());
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return true;
		}
	};

	private final ThrottledAuthenticationProvider provider = new ThrottledAuthenticationProvider(this.passwords,
			this.throttle);

	@Test
	void authenticateWhenWrongPasswordThenFailureCountedUnderHashedKey() {
		assertThatExceptionOfType(BadCredentialsException.class).isThrownBy(() -> this.provider.authenticate(login("Alice@Example.com", "wrong")));
		String key = ThrottledAuthenticationProvider.accountKey("alice@example.com");
		assertThat(this.throttle.failures).containsKey(key);
		assertThat(key).hasSize(64).doesNotContain("alice");
	}

	@Test
	void authenticateWhenLockedThenRefusedBeforeThePasswordIsChecked() {
		this.throttle.locked.add(ThrottledAuthenticationProvider.accountKey("alice@example.com"));
		assertThatExceptionOfType(LockedException.class)
			.isThrownBy(() -> this.provider.authenticate(login("alice@example.com", "right")));
	}

	@Test
	void authenticateWhenRightPasswordThenCountCleared() {
		this.provider.authenticate(login(" ALICE@example.com ", "right"));
		assertThat(this.throttle.successes).contains(ThrottledAuthenticationProvider.accountKey("alice@example.com"));
	}

	private static UsernamePasswordAuthenticationToken login(String email, String password) {
		return UsernamePasswordAuthenticationToken.unauthenticated(email, password);
	}

	static final class RecordingThrottle implements LoginThrottle {

		final Map<String, Integer> failures = new HashMap<>();

		final Set<String> successes = new HashSet<>();

		final Set<String> locked = new HashSet<>();

		@Override
		public Optional<Instant> lockedUntil(String accountKey) {
			return this.locked.contains(accountKey) ? Optional.of(Instant.now().plusSeconds(60)) : Optional.empty();
		}

		@Override
		public void recordFailure(String accountKey) {
			this.failures.merge(accountKey, 1, Integer::sum);
		}

		@Override
		public void recordSuccess(String accountKey) {
			this.successes.add(accountKey);
		}

	}

}
