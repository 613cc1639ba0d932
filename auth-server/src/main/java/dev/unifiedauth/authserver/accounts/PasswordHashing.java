package dev.unifiedauth.authserver.accounts;

import java.util.Map;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * How human passwords are hashed: Argon2id (BouncyCastle, Spring Security's 5.8 parameters) with the
 * algorithm named in the hash ({@code {argon2}...}) so that it can be changed later; bcrypt hashes are still
 * accepted. Deliberately not a {@link PasswordEncoder} bean: client secrets use their own encoder.
 * Thread-safe.
 */
@Component
public final class PasswordHashing {

	private final PasswordEncoder encoder = new DelegatingPasswordEncoder("argon2",
			Map.of("argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), "bcrypt",
					new BCryptPasswordEncoder()));

	public String hash(CharSequence password) {
		return this.encoder.encode(password);
	}

	public PasswordEncoder encoder() {
		return this.encoder;
	}

}
