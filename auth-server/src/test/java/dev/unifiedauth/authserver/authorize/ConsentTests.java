package dev.unifiedauth.authserver.authorize;

import java.util.Map;

import dev.unifiedauth.authserver.accounts.PasswordHashing;
import dev.unifiedauth.authserver.accounts.UserAccounts;
import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.AuthorizationRequests;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.BrowserSession.ConsentPage;
import dev.unifiedauth.authserver.testing.DemoClients;
import dev.unifiedauth.authserver.testing.Pkce;
import dev.unifiedauth.authserver.testing.TestUsers;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertErrorPage;
import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertErrorRedirect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consent step (security-cases A28, RFC 9700 §4.7): a consent decision counts only when it is posted from
 * the consent page of the same logged-in session. Each test uses fresh humans, so that no consent remembered
 * from another test skips the page.
 */
@AuthServerTest
final class ConsentTests {

	private static final String SCOPE = "documents:read documents:update";

	@Value("${unified-auth.issuer}")
	String issuer;

	@Autowired
	UserAccounts accounts;

	@Autowired
	PasswordHashing passwords;

	BrowserSession victim;

	Map<String, String> request;

	ConsentPage page;

	@BeforeEach
	void openConsentPage() {
		this.victim = TestUsers.create(this.accounts, this.passwords, "admin").login(this.issuer);
		this.request = AuthorizationRequests.codeRequest(DemoClients.WEB, SCOPE, Pkce.generate());
		this.page = this.victim.consentPage(this.victim.authorize(this.request));
		assertThat(this.page.scopes()).containsExactlyInAnyOrder("documents:read", "documents:update");
	}

	@Test
	void consentWhenCsrfTokenMissingThenForbiddenAndNoCode() {
		Response response = this.victim.submitConsent(this.page, DemoClients.WEB, this.page.scopes(), null);

		assertForbiddenWithoutCode(response);
	}

	@Test
	void consentWhenCsrfTokenComesFromAnotherSessionThenForbiddenAndNoCode() {
		BrowserSession attacker = TestUsers.create(this.accounts, this.passwords, "viewer").login(this.issuer);
		String attackersToken = attacker
			.consentPage(attacker.authorize(AuthorizationRequests.codeRequest(DemoClients.WEB, SCOPE, Pkce.generate())))
			.csrf();

		Response response = this.victim.submitConsent(this.page, DemoClients.WEB, this.page.scopes(), attackersToken);

		assertForbiddenWithoutCode(response);
	}

	@Test
	void consentWhenPostedInAnotherUsersSessionWithItsOwnCsrfTokenThenRefusedWithoutRedirect() {
		// The attacker replays the victim's consent state from the attacker's own session: the consent state
		// belongs to another principal, so it is refused, and without a trusted request there is no redirect
		BrowserSession attacker = TestUsers.create(this.accounts, this.passwords, "admin").login(this.issuer);
		ConsentPage attackersPage = attacker
			.consentPage(attacker.authorize(AuthorizationRequests.codeRequest(DemoClients.WEB, SCOPE, Pkce.generate())));
		ConsentPage forged = new ConsentPage(attackersPage.html(), this.page.state(), attackersPage.csrf(),
				this.page.scopes());

		Response response = attacker.submitConsent(forged, DemoClients.WEB, this.page.scopes(), forged.csrf());

		assertErrorPage(response, "invalid_request");
	}

	@Test
	void consentWhenCsrfTokenTamperedThenForbiddenAndNoCode() {
		String tampered = BrowserSession.tamperedCsrf(this.page.csrf());

		Response response = this.victim.submitConsent(this.page, DemoClients.WEB, this.page.scopes(), tampered);

		assertForbiddenWithoutCode(response);
	}

	@Test
	void consentWhenDeniedThenAccessDeniedRedirectWithStateAndIss() {
		// The deny form posts no scope (OAuth 2.1 §4.1.2.1: access_denied)
		Response response = this.victim.submitConsent(this.page, DemoClients.WEB, java.util.List.of(),
				this.page.csrf());

		assertErrorRedirect(response, DemoClients.LOOPBACK_REDIRECT, "access_denied", this.request.get("state"),
				this.issuer);
	}

	@Test
	void consentWhenApprovedWithTheSessionsCsrfTokenThenCode() {
		// the control case: the same submission with the right token succeeds
		Response response = this.victim.approve(this.page, DemoClients.WEB);

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(BrowserSession.query(response.header("Location"))).containsKey("code")
			.containsEntry("state", this.request.get("state"))
			.containsEntry("iss", this.issuer);
	}

	@Test
	void consentWhenRefusedForCsrfThenTheLegitimateSubmissionStillWorks() {
		this.victim.submitConsent(this.page, DemoClients.WEB, this.page.scopes(), null);

		Response response = this.victim.approve(this.page, DemoClients.WEB);

		assertThat(BrowserSession.query(response.header("Location"))).containsKey("code");
	}

	private static void assertForbiddenWithoutCode(Response response) {
		assertThat(response.statusCode()).isEqualTo(403);
		String location = response.header("Location");
		assertThat(location == null || !location.contains("code=")).as("no code in %s", location).isTrue();
		assertThat(response.asString()).doesNotContain("code=");
	}

}
