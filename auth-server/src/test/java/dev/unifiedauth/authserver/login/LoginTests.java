package dev.unifiedauth.authserver.login;

import java.util.Map;

import dev.unifiedauth.authserver.accounts.PasswordHashing;
import dev.unifiedauth.authserver.accounts.UserAccounts;
import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.AuthorizationRequests;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.DemoClients;
import dev.unifiedauth.authserver.testing.Pkce;
import dev.unifiedauth.authserver.testing.TestUsers;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login form (security-cases A20; OAuth 2.1 §7.7, RFC 9700 §4.12, §4.15). Every test logs in with humans
 * of its own: locking alice or bob would break the other test classes that share this server.
 */
@AuthServerTest
final class LoginTests {

	private static final String WRONG_CREDENTIALS = "Invalid email or password.";

	private static final String LOCKED = "Too many failed attempts for this account.";

	@Value("${unified-auth.issuer}")
	String issuer;

	@Autowired
	UserAccounts accounts;

	@Autowired
	PasswordHashing passwords;

	TestUsers user;

	BrowserSession browser;

	@BeforeEach
	void createUser() {
		this.user = TestUsers.create(this.accounts, this.passwords, "viewer");
		this.browser = new BrowserSession(this.issuer);
	}

	@Test
	void loginWhenCredentialsRightThenRedirectIsFoundOrSeeOtherNeverTemporaryRedirect() {
		// A20 (OAuth 2.1 §7.5.3, RFC 9700 §4.12): a 307 would make the browser re-POST the password
		Response response = this.browser.login(this.user.email(), this.user.password());

		assertThat(response.statusCode()).isIn(302, 303);
		assertThat(response.header("Location")).doesNotContain("error", "locked");
	}

	@Test
	void loginWhenItInterruptedAnAuthorizationRequestThenRedirectsBackWithoutTemporaryRedirect() {
		// A20 on the way through an authorization request
		Map<String, String> request = AuthorizationRequests.codeRequest(DemoClients.WEB, "documents:read",
				Pkce.generate());
		Response toLogin = this.browser.authorize(request);
		assertThat(toLogin.statusCode()).isIn(302, 303);
		assertThat(toLogin.header("Location")).endsWith("/login");

		Response response = this.browser.login(this.user.email(), this.user.password());

		assertThat(response.statusCode()).isIn(302, 303);
		assertThat(response.header("Location")).contains("/oauth2/authorize?");
	}

	@Test
	void loginWhenPasswordWrongThenErrorPage() {
		Response response = this.browser.login(this.user.email(), "wrong-password");

		assertRefused(response, "/login?error", WRONG_CREDENTIALS);
	}

	@Test
	void loginWhenEmailUnknownThenTheSameAnswerAsAWrongPassword() {
		// no account enumeration: the redirect and the message are those of a wrong password
		Response response = this.browser.login("nobody-" + this.user.email(), this.user.password());

		assertRefused(response, "/login?error", WRONG_CREDENTIALS);
	}

	@Test
	void loginWhenFiveWrongPasswordsThenTheAccountIsLockedEvenForTheRightPassword() {
		// OAuth 2.1 §7.7 (unified-auth.login.max-failures = 5)
		for (int i = 0; i < 5; i++) {
			assertRefused(this.browser.login(this.user.email(), "wrong-" + i), "/login?error", WRONG_CREDENTIALS);
		}

		Response response = new BrowserSession(this.issuer).login(this.user.email(), this.user.password());

		assertRefused(response, "/login?locked", LOCKED);
	}

	@Test
	void loginWhenAnotherAccountIsLockedThenThisOneIsUnaffected() {
		for (int i = 0; i < 5; i++) {
			this.browser.login(this.user.email(), "wrong-" + i);
		}
		TestUsers other = TestUsers.create(this.accounts, this.passwords, "viewer");

		Response response = new BrowserSession(this.issuer).login(other.email(), other.password());

		assertThat(response.statusCode()).isIn(302, 303);
		assertThat(response.header("Location")).doesNotContain("error", "locked");
	}

	@Test
	void loginWhenFourWrongPasswordsThenTheRightOneStillWorks() {
		// the control: the lock starts at the fifth failure, not before
		for (int i = 0; i < 4; i++) {
			this.browser.login(this.user.email(), "wrong-" + i);
		}

		Response response = this.browser.login(this.user.email(), this.user.password());

		assertThat(response.header("Location")).doesNotContain("error", "locked");
	}

	@Test
	void loginWhenEmailUnknownFiveTimesThenItLooksLockedLikeARealAccount() {
		// locking reveals nothing about existence either
		String unknown = "nobody-" + this.user.email();
		for (int i = 0; i < 5; i++) {
			this.browser.login(unknown, "wrong-" + i);
		}

		assertRefused(new BrowserSession(this.issuer).login(unknown, "any"), "/login?locked", LOCKED);
	}

	@Test
	void loginWhenCsrfTokenMissingThenForbidden() {
		this.browser.request().get("/login");

		Response response = this.browser.request()
			.contentType(ContentType.URLENC)
			.formParam("email", this.user.email())
			.formParam("password", this.user.password())
			.post("/login");

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.header("Location")).isNull();
	}

	@Test
	void loginWhenCsrfTokenTamperedThenForbidden() {
		String token = BrowserSession.csrfOf(this.browser.request().get("/login").asString());
		String tampered = BrowserSession.tamperedCsrf(token);

		Response response = this.browser.request()
			.contentType(ContentType.URLENC)
			.formParam("email", this.user.email())
			.formParam("password", this.user.password())
			.formParam("_csrf", tampered)
			.post("/login");

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.header("Location")).isNull();
	}

	private void assertRefused(Response response, String location, String message) {
		assertThat(response.statusCode()).isIn(302, 303);
		assertThat(response.header("Location")).endsWith(location);
		String page = this.browser.request().get(location).asString();
		assertThat(page).contains(message);
	}

}
