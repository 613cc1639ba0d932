package dev.unifiedauth.resourceserver.system;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.unifiedauth.authserver.testing.Delegations;
import dev.unifiedauth.authserver.testing.DemoClients;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SUPERVISED operation end to end, with alice deciding in a real headless Chromium: the scheduling agent's
 * delete at the packaged resource server answers 403 {@code approval_required} with the approval's page; alice
 * opens it, signs in and approves; the agent's retry runs exactly once, and the next identical call needs a new
 * approval (security case D18).
 */
class SupervisedApprovalBrowserIT {

	private SystemUnderTest system;

	private ChromeDriver browser;

	@BeforeEach
	void start() {
		this.browser = Chromium.start();
		this.system = SystemUnderTest.get();
	}

	@AfterEach
	void quit() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void deleteWhenAliceApprovesInTheBrowserThenTheAgentsRetryRunsOnceAndTheNextCallNeedsANewApproval() {
		String as = this.system.authServerUrl();
		String rs = this.system.resourceServerUrl();
		Delegations delegations = new Delegations(as);
		Delegations.Agent scheduling = delegations.agent(DemoClients.SCHEDULING_AGENT,
				DemoClients.SCHEDULING_AGENT_SECRET);
		Map<String, String> exchange = Delegations.exchange(delegations.aliceToken(Delegations.ALL_ALICE_SCOPES),
				scheduling.identityToken());
		exchange.put("task_id", "task-" + UUID.randomUUID().toString().substring(0, 8));
		exchange.put("audience", "documents");
		Response issued = delegations.asBackend(exchange);
		assertThat(issued.statusCode()).as(issued.asString()).isEqualTo(200);
		String token = issued.jsonPath().getString("access_token");
		String document = rs + "/api/documents/doc-2";

		Response supervised = scheduling.resourceRequest("DELETE", document, token).delete(document);
		assertThat(supervised.statusCode()).isEqualTo(403);
		assertThat(supervised.jsonPath().getString("error")).isEqualTo("approval_required");
		String approvalId = supervised.jsonPath().getString("approval_id");
		String approvalUri = supervised.jsonPath().getString("approval_uri");
		assertThat(approvalUri).isEqualTo(as + "/approvals/" + approvalId);

		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(30));
		this.browser.get(approvalUri);
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email"))).sendKeys(DemoClients.ALICE_EMAIL);
		this.browser.findElement(By.id("password")).sendKeys(DemoClients.ALICE_PASSWORD);
		this.browser.findElement(By.id("sign-in")).click();
		wait.until(ExpectedConditions.elementToBeClickable(By.id("approve")));
		assertThat(this.browser.findElement(By.id("approval-operation")).getText()).isEqualTo("documents:delete");
		assertThat(this.browser.findElement(By.id("approval-target")).getText()).isEqualTo("doc-2");
		assertThat(this.browser.findElement(By.id("approval-chain")).getText())
			.isEqualTo("usr-alice-001 → scheduling-agent-001");
		this.browser.findElement(By.id("approve")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("approval-status"), "APPROVED"));

		Response retry = scheduling.resourceRequest("DELETE", document, token).delete(document);
		Response again = scheduling.resourceRequest("DELETE", document, token).delete(document);

		assertThat(retry.statusCode()).as(retry.asString()).isEqualTo(204);
		assertThat(again.statusCode()).isEqualTo(403);
		assertThat(again.jsonPath().getString("error")).as("single use").isEqualTo("approval_required");
		assertThat(again.jsonPath().getString("approval_id")).isNotEqualTo(approvalId);
	}

}
