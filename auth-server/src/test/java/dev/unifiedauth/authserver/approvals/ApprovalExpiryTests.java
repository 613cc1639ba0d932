package dev.unifiedauth.authserver.approvals;

import java.util.UUID;

import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.Delegations;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Approvals expire: an approval not used in time no longer lets the operation run, and a request nobody
 * answered in time is replaced by a new one.
 */
@AuthServerTest
@TestPropertySource(properties = { "unified-auth.approvals.use-within=1s", "unified-auth.approvals.pending-ttl=2s" })
class ApprovalExpiryTests {

	@Value("${unified-auth.issuer}")
	String issuer;

	@Test
	void checkWhenTheApprovalWasNotUsedInTimeThenItNoLongerRuns() throws Exception {
		ApprovalTests tests = tests();
		String token = tests.agentToken(new Delegations(this.issuer).aliceToken(Delegations.ALL_ALICE_SCOPES), task());
		String id = tests.check(token, "documents", "delete", "doc-2").getString("approval_id");
		Response decided = ApprovalTests.decide(
				BrowserSession.loggedIn(this.issuer, "alice@example.com", "alice-password"), id, "approve");
		assertThat(decided.statusCode()).isEqualTo(302);
		Thread.sleep(1500);
		assertThat(tests.check(token, "documents", "delete", "doc-2").getString("status")).isEqualTo("pending");
	}

	@Test
	void checkWhenThePendingRequestLapsedThenANewOneIsFiled() throws Exception {
		ApprovalTests tests = tests();
		String token = tests.agentToken(new Delegations(this.issuer).aliceToken(Delegations.ALL_ALICE_SCOPES), task());
		String first = tests.check(token, "documents", "delete", "doc-3").getString("approval_id");
		Thread.sleep(2500);
		String second = tests.check(token, "documents", "delete", "doc-3").getString("approval_id");
		assertThat(second).isNotEqualTo(first);
	}

	private ApprovalTests tests() {
		ApprovalTests tests = new ApprovalTests();
		tests.issuer = this.issuer;
		return tests;
	}

	private static String task() {
		return "task-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
