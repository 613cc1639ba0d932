package dev.unifiedauth.authserver.testing;

import java.util.Set;
import java.util.UUID;

import dev.unifiedauth.authserver.accounts.PasswordHashing;
import dev.unifiedauth.authserver.accounts.UserAccount;
import dev.unifiedauth.authserver.accounts.UserAccounts;

/**
 * Humans created for one test, so that tests which lock accounts or record consents do not disturb the demo
 * identities other test classes share.
 *
 * @param id the account id ({@code sub})
 * @param email the login name
 * @param password the password
 */
public record TestUsers(String id, String email, String password) {

	/** Creates a new enabled account with {@code role}. */
	public static TestUsers create(UserAccounts accounts, PasswordHashing passwords, String role) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		TestUsers user = new TestUsers("usr-test-" + suffix, "test-" + suffix + "@example.com", "pw-" + suffix);
		accounts.createIfAbsent(new UserAccount(user.id(), user.email(), "Test " + suffix,
				passwords.hash(user.password()), true, Set.of(role)));
		return user;
	}

	public BrowserSession login(String baseUrl) {
		return BrowserSession.loggedIn(baseUrl, this.email, this.password);
	}

}
