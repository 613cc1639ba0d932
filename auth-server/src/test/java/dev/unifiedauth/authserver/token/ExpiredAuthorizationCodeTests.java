package dev.unifiedauth.authserver.token;

import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.ClientRequests;
import dev.unifiedauth.authserver.testing.DemoClients;
import dev.unifiedauth.authserver.testing.IssuedCode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertBearerTokenResponse;
import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertOAuthError;

/**
 * Authorization codes expire (security-cases A11; OAuth 2.1 §4.1.2). The lifetime is shortened to 2 s here
 * (its default and ceiling is 60 s), which needs a server of its own.
 */
@AuthServerTest
@TestPropertySource(properties = "unified-auth.tokens.authorization-code-ttl=2s")
final class ExpiredAuthorizationCodeTests {

	@Value("${unified-auth.issuer}")
	String issuer;

	@Test
	void tokenWhenCodeOlderThanItsLifetimeThenInvalidGrant() throws InterruptedException {
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
		IssuedCode code = IssuedCode.issue(alice, DemoClients.BACKEND, "documents:read");
		Thread.sleep(3000);

		assertOAuthError(ClientRequests.backend(this.issuer).redeem(code.code(), code.pkce().verifier()), 400,
				"invalid_grant");
	}

	@Test
	void tokenWhenCodeRedeemedWithinItsLifetimeThenTokens() {
		// the control: the same flow without the wait succeeds on this server
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
		IssuedCode code = IssuedCode.issue(alice, DemoClients.BACKEND, "documents:read");

		assertBearerTokenResponse(ClientRequests.backend(this.issuer).redeem(code.code(), code.pkce().verifier()));
	}

}
