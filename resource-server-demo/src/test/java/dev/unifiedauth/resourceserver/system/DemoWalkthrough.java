package dev.unifiedauth.resourceserver.system;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.unifiedauth.authserver.testing.AuthorizationRequests;
import dev.unifiedauth.authserver.testing.BrowserSession;
import dev.unifiedauth.authserver.testing.Delegations;
import dev.unifiedauth.authserver.testing.DemoClients;
import dev.unifiedauth.authserver.testing.IssuedCode;
import dev.unifiedauth.authserver.testing.Jwts;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.slf4j.LoggerFactory;

import static io.restassured.RestAssured.given;

/**
 * The end-to-end demo ({@code ./mvnw -q -Pdemo}): starts both packaged servers on fresh data and free loopback
 * ports, then walks through the story of the design with real HTTP calls only, printing what each answer says.
 * <ol>
 * <li>alice logs in through the authorization-code flow with PKCE (this program submits the login and consent
 * forms as her browser would) and her app, demo-backend, gets her access token;</li>
 * <li>her app delegates to the scheduling agent (token exchange with the agent's DPoP-bound identity token,
 * task {@code task-abc}, limited to documents);</li>
 * <li>the agent calls the resource server with its DPoP-bound token: a FREE read, a SUPERVISED delete, a read of
 * another resource;</li>
 * <li>the agent sub-delegates read-only to the analysis agent, which reads and tries to update;</li>
 * <li>alice's app revokes the task;</li>
 * <li>the audit trail of the run, read with alice's token, and its verification.</li>
 * </ol>
 * The first 12 lines are the same on every run; {@code DemoWalkthroughIT} checks them.
 */
public final class DemoWalkthrough {

	static final String TASK = "task-abc";

	private final String as;

	private final String rs;

	private final PrintStream out;

	/** How many calls this run made at the resource server: each one is a decision in the trail. */
	private int resourceServerCalls;

	private DemoWalkthrough(String as, String rs, PrintStream out) {
		this.as = as;
		this.rs = rs;
		this.out = out;
	}

	public static void main(String[] args) {
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
		PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
		SystemUnderTest system = SystemUnderTest.get();
		try {
			new DemoWalkthrough(system.authServerUrl(), system.resourceServerUrl(), out).run();
		}
		catch (RuntimeException | AssertionError ex) {
			out.println("The demo stopped: " + ex.getMessage());
			out.println("Server logs: " + SystemUnderTest.logDirectory().toAbsolutePath());
			System.exit(1);
		}
		System.exit(0);
	}

	void run() {
		this.out.println("=== Unified Auth Demo ===");
		Delegations delegations = new Delegations(this.as);
		Delegations.Agent scheduling = delegations.agent(DemoClients.SCHEDULING_AGENT,
				DemoClients.SCHEDULING_AGENT_SECRET);
		Delegations.Agent analysis = delegations.agent(DemoClients.ANALYSIS_AGENT, DemoClients.ANALYSIS_AGENT_SECRET);

		String alice = login();
		Map<String, Object> aliceClaims = Jwts.claims(alice);
		this.out.println("1. Alice logged in: " + aliceClaims.get("sub") + " (role=" + roles(aliceClaims) + ")");

		Map<String, String> delegation = Delegations.exchange(alice, scheduling.identityToken());
		delegation.put("task_id", TASK);
		delegation.put("audience", "documents");
		String schedulingToken = accessToken(delegations.asBackend(delegation), "delegation to the scheduling agent");
		Map<String, Object> schedulingClaims = Jwts.claims(schedulingToken);
		this.out.println("2. Delegated to agent: " + schedulingClaims.get("client_id"));
		this.out.println("Delegation chain: " + chain(schedulingClaims));
		this.out.println("3. documents:read = " + outcome(scheduling, schedulingToken, "GET", "/api/documents/doc-1"));
		this.out.println("documents:delete = " + outcome(scheduling, schedulingToken, "DELETE", "/api/documents/doc-3"));
		this.out.println("users:read = " + outcome(scheduling, schedulingToken, "GET", "/api/users"));

		Map<String, String> subDelegation = Delegations.exchange(schedulingToken, analysis.identityToken());
		subDelegation.put("read_only", "true");
		String analysisToken = accessToken(scheduling.exchange(subDelegation), "sub-delegation to the analysis agent");
		Map<String, Object> analysisClaims = Jwts.claims(analysisToken);
		this.out.println("4. Sub-delegated to: " + analysisClaims.get("client_id"));
		this.out.println("Chain: " + chain(analysisClaims));
		this.out.println("documents:read = " + outcome(analysis, analysisToken, "GET", "/api/documents/doc-1"));
		this.out.println("documents:update = " + outcome(analysis, analysisToken, "PUT", "/api/documents/doc-1"));

		JsonPath revoked = json(given().baseUri(this.as)
			.auth()
			.preemptive()
			.basic(DemoClients.BACKEND, DemoClients.BACKEND_SECRET)
			.formParam("subject", aliceClaims.get("sub"))
			.formParam("task_id", TASK)
			.post("/tasks/v1/revoke"), "task revocation");
		this.out.println("5. Revoked " + revoked.getInt("revoked_tokens") + " token(s) for " + revoked.getString("task_id"));
		long sent = System.nanoTime();
		String after = outcome(scheduling, schedulingToken, "GET", "/api/documents/doc-1");
		while ("allowed".equals(after) && System.nanoTime() - sent < Duration.ofSeconds(2).toNanos()) {
			sleep(20); // the resource server learns of it at its next poll of the revocation feed
			after = outcome(scheduling, schedulingToken, "GET", "/api/documents/doc-1");
		}
		this.out.println("   the scheduling agent's next read: " + after + ", "
				+ Duration.ofNanos(System.nanoTime() - sent).toMillis() + " ms after the revocation");

		List<Map<String, Object>> trail = auditTrail(alice);
		this.out.println("6. Audit trail of this run, in time order (" + trail.size()
				+ " entries: seq, event, chain, decision, reason, operation):");
		for (Map<String, Object> entry : trail) {
			String operation = (entry.get("resource") != null) ? entry.get("resource") + ":" + entry.get("action") : "";
			this.out.println(String.format("   %3s %-20s %-62s %-17s %-24s %s", entry.get("seq"), entry.get("type"),
					arrow(entry.get("chain")), entry.get("decision"), orDash(entry.get("reason")), operation)
				.stripTrailing());
		}
		JsonPath verification = json(given().baseUri(this.as)
			.header("Authorization", "Bearer " + alice)
			.get("/audit/v1/verify"), "audit verification");
		this.out.println("7. Audit trail verification: " + verification.getString("status") + " ("
				+ verification.getString("entries") + " entries, " + verification.getString("checkpoints")
				+ " signed checkpoints)");
	}

	/** alice's access token for her app (demo-backend): login form, consent form, code, token (PKCE S256). */
	private String login() {
		BrowserSession browser = BrowserSession.loggedIn(this.as, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD);
		IssuedCode code = IssuedCode.issue(browser, DemoClients.BACKEND, "openid " + Delegations.ALL_ALICE_SCOPES);
		return accessToken(AuthorizationRequests.redeemAsBackend(this.as, code.code(), code.pkce().verifier()),
				"alice's token");
	}

	/** What the resource server answered, in the words of the demo. */
	private String outcome(Delegations.Agent agent, String token, String method, String path) {
		RequestSpecification request = agent.resourceRequest(method, this.rs + path, token);
		if ("PUT".equals(method)) {
			request.contentType("application/json").body("{\"title\":\"Quarterly plan\",\"content\":\"Revised.\"}");
		}
		Response response = request.request(method, this.rs + path);
		this.resourceServerCalls++;
		if (response.statusCode() / 100 == 2) {
			return "allowed";
		}
		String error = response.contentType().contains("json") ? response.jsonPath().getString("error") : null;
		String reason = response.contentType().contains("json") ? response.jsonPath().getString("reason") : null;
		if ("approval_required".equals(error)) {
			return "supervised";
		}
		if (response.statusCode() == 401) {
			return "refused (" + error + ", " + response.header("WWW-Authenticate").replaceAll(".*error_description=\"([^\"]*)\".*", "$1") + ")";
		}
		return switch (String.valueOf(reason)) {
			case "not_in_scoped_resources" -> "denied (not in scoped resources)";
			case "attenuated_read_only" -> "denied (attenuated to read-only)";
			case "scope_missing" -> "denied (scope missing)";
			case "forbidden" -> "denied (forbidden)";
			default -> "denied (" + response.statusCode() + " " + error + ")";
		};
	}

	/**
	 * Every entry of the trail in time order, once the decision of every call at the resource server has arrived
	 * (it delivers them in the background, so they may take a later sequence number than what followed them).
	 */
	private List<Map<String, Object>> auditTrail(String alice) {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		List<Map<String, Object>> entries = readTrail(alice);
		while (decisionsFromResourceServer(entries) < this.resourceServerCalls && System.nanoTime() < deadline) {
			sleep(200);
			entries = readTrail(alice);
		}
		List<Map<String, Object>> inTimeOrder = new ArrayList<>(entries);
		inTimeOrder.sort(Comparator.comparing((Map<String, Object> entry) -> Instant.parse((String) entry.get("time")))
			.thenComparing((entry) -> ((Number) entry.get("seq")).longValue()));
		return inTimeOrder;
	}

	private long decisionsFromResourceServer(List<Map<String, Object>> entries) {
		return entries.stream().filter((entry) -> this.rs.equals(entry.get("source"))).count();
	}

	private List<Map<String, Object>> readTrail(String alice) {
		List<Map<String, Object>> entries = new ArrayList<>();
		for (int page = 0;; page++) {
			JsonPath body = json(given().baseUri(this.as)
				.header("Authorization", "Bearer " + alice)
				.queryParam("order", "asc")
				.queryParam("size", 100)
				.queryParam("page", page)
				.get("/audit/v1/events"), "audit trail");
			entries.addAll(body.getList("events"));
			if (!body.getBoolean("has_more")) {
				return entries;
			}
		}
	}

	private static String accessToken(Response response, String what) {
		return json(response, what).getString("access_token");
	}

	private static JsonPath json(Response response, String what) {
		if (response.statusCode() != 200) {
			throw new IllegalStateException(what + " failed: " + response.statusCode() + " " + response.asString());
		}
		return response.jsonPath();
	}

	private static String roles(Map<String, Object> claims) {
		return (claims.get("roles") instanceof Collection<?> roles) ? String.join(",", roles.stream().map(String::valueOf).toList())
				: "none";
	}

	/** The chain root → current actor, written as the design writes it: {@code ['usr-alice-001', 'agent']}. */
	private static String chain(Map<String, Object> claims) {
		List<String> actors = new ArrayList<>();
		Object act = claims.get("act");
		while (act instanceof Map<?, ?> level) {
			actors.add(0, String.valueOf(level.get("sub")));
			act = level.get("act");
		}
		actors.add(0, String.valueOf(claims.get("sub")));
		return "['" + String.join("', '", actors) + "']";
	}

	private static String orDash(Object value) {
		return (value != null) ? value.toString() : "-";
	}

	private static String arrow(Object chain) {
		return (chain instanceof Collection<?> actors && !actors.isEmpty())
				? String.join(" -> ", actors.stream().map(String::valueOf).toList()) : "-";
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
