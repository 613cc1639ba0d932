package dev.unifiedauth.authserver.revocation;

import dev.unifiedauth.authserver.accounts.PasswordHashing;
import dev.unifiedauth.authserver.accounts.UserAccounts;
import dev.unifiedauth.authserver.audit.FailingAuditInsert;
import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.DatabaseVendor;
import dev.unifiedauth.authserver.testing.Delegations;
import dev.unifiedauth.authserver.testing.DemoClients;
import dev.unifiedauth.authserver.testing.TestUsers;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.unifiedauth.authserver.revocation.TaskFixture.newTaskId;
import static dev.unifiedauth.authserver.revocation.TaskFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ending a task or disabling an account is one transaction with its audit entry and its rule in the revocation
 * feed: while the entry cannot be written, the call answers 503 and nothing is revoked (security case E12 for
 * tasks); once the trail is writable again the same call succeeds.
 */
@AuthServerTest
class RevocationFailClosedTests {

	@Value("${unified-auth.issuer}")
	String issuer;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	UserAccounts accounts;

	@Autowired
	PasswordHashing passwords;

	TaskFixture fixture;

	private boolean failing;

	@BeforeEach
	void fixture() {
		this.fixture = new TaskFixture(this.issuer);
	}

	@AfterEach
	void writableAgain() {
		if (this.failing) {
			FailingAuditInsert.remove(this.jdbc, DatabaseVendor.H2);
		}
	}

	@Test
	void revokeTaskWhenTheTrailCannotBeWrittenThenServiceUnavailableAndTheTaskRuns() {
		String task = newTaskId();
		String scheduling = this.fixture.schedulingToken(
				this.fixture.delegations.aliceToken(Delegations.ALL_ALICE_SCOPES), task);
		long rulesBefore = ok(this.fixture.feed(0)).getList("events").size();

		unwritable();
		Response refused = this.fixture.revokeAsBackend(DemoClients.ALICE_ID, task);
		writable();

		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.jsonPath().getString("error")).isEqualTo("temporarily_unavailable");
		assertThat(this.fixture.active(scheduling)).isTrue();
		assertThat(ok(this.fixture.feed(0)).getList("events")).hasSize((int) rulesBefore);
		assertThat(ok(this.fixture.revokeAsBackend(DemoClients.ALICE_ID, task)).getInt("revoked_tokens")).isEqualTo(1);
		assertThat(this.fixture.active(scheduling)).isFalse();
	}

	@Test
	void disableAccountWhenTheTrailCannotBeWrittenThenServiceUnavailableAndTheAccountStaysEnabled() {
		TestUsers erin = TestUsers.create(this.accounts, this.passwords, "viewer");
		BrowserSession admin = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);

		unwritable();
		Response refused = SuspensionTests.change(admin, "accounts", erin.id(), "disable");
		writable();

		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(this.accounts.findById(erin.id()).orElseThrow().enabled()).isTrue();
	}

	private void unwritable() {
		FailingAuditInsert.install(this.jdbc, DatabaseVendor.H2);
		this.failing = true;
	}

	private void writable() {
		FailingAuditInsert.remove(this.jdbc, DatabaseVendor.H2);
		this.failing = false;
	}

}
