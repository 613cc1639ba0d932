package dev.unifiedauth.authserver.revocation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.unifiedauth.authserver.testing.ClientRequests;
import dev.unifiedauth.authserver.testing.Delegations;
import dev.unifiedauth.authserver.testing.DemoClients;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task as the demo runs it, over HTTP: alice's app (demo-backend) delegates her token to the scheduling agent,
 * which sub-delegates read-only to the analysis agent; and the calls that end tasks.
 */
final class TaskFixture {

	final String issuer;

	final Delegations delegations;

	final Delegations.Agent scheduling;

	final Delegations.Agent analysis;

	final ClientRequests resourceServer;

	TaskFixture(String issuer) {
		this.issuer = issuer;
		this.delegations = new Delegations(issuer);
		this.scheduling = this.delegations.agent(DemoClients.SCHEDULING_AGENT, DemoClients.SCHEDULING_AGENT_SECRET);
		this.analysis = this.delegations.agent(DemoClients.ANALYSIS_AGENT, DemoClients.ANALYSIS_AGENT_SECRET);
		this.resourceServer = new ClientRequests(issuer, "resource-server-demo", "resource-server-demo-secret");
	}

	static String newTaskId() {
		return "task-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** Depth 1: the scheduling agent's token for {@code task}, exchanged by alice's app. */
	String schedulingToken(String humanToken, String task) {
		Map<String, String> request = Delegations.exchange(humanToken, this.scheduling.identityToken());
		request.put("task_id", task);
		request.put("audience", "documents");
		return ok(this.delegations.asBackend(request)).getString("access_token");
	}

	/** Depth 2: the analysis agent's read-only token, exchanged by the scheduling agent. */
	String analysisToken(String schedulingToken) {
		Map<String, String> request = Delegations.exchange(schedulingToken, this.analysis.identityToken());
		request.put("read_only", "true");
		return ok(this.scheduling.exchange(request)).getString("access_token");
	}

	/** A sub-delegation the scheduling agent asks for with {@code schedulingToken}. */
	Response subDelegate(String schedulingToken) {
		return this.scheduling.exchange(Delegations.exchange(schedulingToken, this.analysis.identityToken()));
	}

	Response revokeTask(String clientId, String secret, String subject, String task) {
		return given().baseUri(this.issuer)
			.auth()
			.preemptive()
			.basic(clientId, secret)
			.formParam("subject", subject)
			.formParam("task_id", task)
			.post("/tasks/v1/revoke");
	}

	Response revokeAsBackend(String subject, String task) {
		return revokeTask(DemoClients.BACKEND, DemoClients.BACKEND_SECRET, subject, task);
	}

	Response feed(long after) {
		return given().baseUri(this.issuer)
			.auth()
			.preemptive()
			.basic("resource-server-demo", "resource-server-demo-secret")
			.queryParam("after", after)
			.get("/revocations/v1/events");
	}

	/** The end of the feed now: the cursor after which the next rules will appear. */
	long feedEnd() {
		long cursor = 0;
		JsonPath page;
		do {
			page = ok(feed(cursor));
			cursor = page.getLong("next");
		}
		while (page.getBoolean("more"));
		return cursor;
	}

	/** The {@code jti} of every token rule in the feed after {@code cursor}, every page of it. */
	List<String> feedJtisAfter(long cursor) {
		List<String> jtis = new ArrayList<>();
		JsonPath page;
		long next = cursor;
		do {
			page = ok(feed(next));
			List<String> events = page.getList("events.jti", String.class);
			events.stream().filter(java.util.Objects::nonNull).forEach(jtis::add);
			next = page.getLong("next");
		}
		while (page.getBoolean("more"));
		return jtis;
	}

	boolean active(String token) {
		return this.resourceServer.isActive(token);
	}

	static JsonPath ok(Response response) {
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		return response.jsonPath();
	}

}
