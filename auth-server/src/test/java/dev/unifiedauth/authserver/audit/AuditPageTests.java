package dev.unifiedauth.authserver.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.DemoClients;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code /audit} page behind the normal login: administrators see every entry and can verify, other people
 * their own chains; filters and pages; whatever an entry holds is shown as text, never as markup.
 */
@AuthServerTest
class AuditPageTests {

	private static final Pattern ROW = Pattern.compile("data-seq=\"(\\d+)\"");

	@Value("${unified-auth.issuer}")
	String issuer;

	@Test
	void pageWhenNotLoggedInThenRedirectedToTheLogin() {
		Response response = new BrowserSession(this.issuer).request().get("/audit");

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.header("Location")).endsWith("/login");
	}

	@Test
	void pageWhenAnAdministratorThenOtherPeoplesEntriesAndTheVerifyLinkAreShown() {
		BrowserSession.loggedIn(this.issuer, DemoClients.BOB_EMAIL, DemoClients.BOB_PASSWORD);
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);

		String html = alice.request().queryParam("actor", DemoClients.BOB_ID).get("/audit").asString();

		assertThat(html).contains("id=\"audit-entries\"").contains(DemoClients.BOB_ID).contains("id=\"verify-link\"");
	}

	@Test
	void pageWhenAnotherPersonThenOnlyTheirOwnChainsAndNoVerifyLink() {
		BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
		BrowserSession bob = BrowserSession.loggedIn(this.issuer, DemoClients.BOB_EMAIL, DemoClients.BOB_PASSWORD);

		String html = bob.request().get("/audit").asString();
		String filteredForAlice = bob.request().queryParam("actor", DemoClients.ALICE_ID).get("/audit").asString();

		assertThat(html).contains(DemoClients.BOB_ID).doesNotContain(DemoClients.ALICE_ID).doesNotContain("verify-link");
		assertThat(filteredForAlice).contains("id=\"no-entries\"");
		assertThat(bob.request().get("/audit/verify").statusCode()).isEqualTo(403);
	}

	@Test
	void pageWhenFilteredByTaskThenPagedFiftyAtATimeNewestFirst() {
		String task = "task-" + UUID.randomUUID();
		deliver(task, 60, "allowed");
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);

		String first = alice.request().queryParam("task", task).get("/audit").asString();
		String second = alice.request().queryParam("task", task).queryParam("page", "1").get("/audit").asString();

		List<Long> firstSeqs = seqs(first);
		List<Long> secondSeqs = seqs(second);
		assertThat(firstSeqs).hasSize(50).isSortedAccordingTo((a, b) -> Long.compare(b, a));
		assertThat(secondSeqs).hasSize(10);
		assertThat(secondSeqs.get(0)).isLessThan(firstSeqs.get(49));
		assertThat(first).contains("id=\"older\"").doesNotContain("id=\"newer\"");
		assertThat(second).contains("id=\"newer\"").doesNotContain("id=\"older\"");
	}

	@Test
	void pageWhenAnEntryHoldsMarkupThenItIsShownAsText() {
		String task = "task-" + UUID.randomUUID();
		deliver(task, 1, "<script>alert(1)</script>");
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);

		String html = alice.request().queryParam("task", task).get("/audit").asString();

		assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
	}

	@Test
	void verifyWhenAnAdministratorThenThePageSaysTheTrailVerifies() {
		BrowserSession alice = BrowserSession.loggedIn(this.issuer, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);

		String html = alice.request().get("/audit/verify").asString();

		assertThat(html).contains("data-status=\"ok\"").contains("Audit trail OK: ");
	}

	private void deliver(String task, int count, String decision) {
		List<Map<String, Object>> events = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Map<String, Object> event = new LinkedHashMap<>();
			event.put("event_id", UUID.randomUUID().toString());
			event.put("time", "2026-03-01T09:00:00Z");
			event.put("type", "permission.decision");
			event.put("decision", decision);
			event.put("chain", List.of(DemoClients.ALICE_ID, DemoClients.SCHEDULING_AGENT));
			event.put("task_id", task);
			events.add(event);
		}
		Response response = given().baseUri(this.issuer)
			.auth()
			.preemptive()
			.basic(AuditIngestionTests.RS_CLIENT, AuditIngestionTests.RS_SECRET)
			.contentType(ContentType.JSON)
			.body(events)
			.post("/audit/v1/events");
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
	}

	private static List<Long> seqs(String html) {
		List<Long> seqs = new ArrayList<>();
		Matcher matcher = ROW.matcher(html);
		while (matcher.find()) {
			seqs.add(Long.parseLong(matcher.group(1)));
		}
		return seqs;
	}

}
