package dev.unifiedauth.resourceserver.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.unifiedauth.core.audit.AuditEvent;
import dev.unifiedauth.core.testing.ProofKey;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo policy enforced through HTTP (contract, Tiers): humans by their role, agents by tier, attenuation and
 * scope, deciding on the top-level {@code sub} and the current actor only. The table covers every combination of
 * tier (FREE read, FREE write, SUPERVISED, FORBIDDEN), human or agent, scope present or absent, read-only or not,
 * and resource scoping (none, this resource, another resource); security cases D15-D19 and the issue's demo chain
 * follow. Each decision is audited exactly once.
 */
class TierEnforcementTests extends ResourceServerHttpTest {

	@Autowired
	TierEnforcement tierEnforcement;

	static final String ALL_SCOPES = "documents:read documents:create documents:update documents:delete users:read"
			+ " users:update users:delete payments:read payments:create audit:read";

	/** What the demo policy says about the operations the table uses (issue 4). */
	enum Op {

		DOCUMENTS_READ("documents:read", "FREE", false, "GET", "/api/documents/doc-1", null, 200),
		DOCUMENTS_UPDATE("documents:update", "FREE", true, "PUT", "/api/documents/doc-1",
				"{\"title\":\"Quarterly plan\",\"content\":\"Goals and milestones for the quarter.\"}", 200),
		USERS_UPDATE("users:update", "SUPERVISED", true, "PUT", "/api/users/usr-bob-002",
				"{\"email\":\"bob@example.com\",\"name\":\"Bob\"}", 200),
		PAYMENTS_CREATE("payments:create", "FORBIDDEN", true, "POST", "/api/payments",
				"{\"amount\":\"1.00\",\"currency\":\"EUR\",\"payee\":\"Table test\"}", 201);

		final String scope;

		final String tier;

		final boolean writes;

		final String method;

		final String path;

		final String body;

		final int success;

		Op(String scope, String tier, boolean writes, String method, String path, String body, int success) {
			this.scope = scope;
			this.tier = tier;
			this.writes = writes;
			this.method = method;
			this.path = path;
			this.body = body;
			this.success = success;
		}

		String resource() {
			return this.scope.substring(0, this.scope.indexOf(':'));
		}

	}

	enum Scoping {

		NONE, THIS_RESOURCE, OTHER_RESOURCE

	}

	record Row(Op op, boolean agent, boolean scopePresent, boolean readOnly, Scoping scoping) {

		@Override
		public String toString() {
			return this.op.scope + (this.agent ? " agent" : " human") + (this.scopePresent ? " with scope" : " without scope")
					+ (this.readOnly ? " read-only" : "") + " scoped=" + this.scoping;
		}

	}

	/** The expected answer: status, error (null for success), reason. */
	record Expected(int status, String error, String reason) {
	}

	static Stream<Row> table() {
		List<Row> rows = new ArrayList<>();
		for (Op op : Op.values()) {
			for (boolean agent : new boolean[] { false, true }) {
				for (boolean scopePresent : new boolean[] { true, false }) {
					for (boolean readOnly : new boolean[] { false, true }) {
						for (Scoping scoping : Scoping.values()) {
							rows.add(new Row(op, agent, scopePresent, readOnly, scoping));
						}
					}
				}
			}
		}
		return rows.stream();
	}

	/** The contract's rules, written out independently of the decider. */
	static Expected expected(Row row) {
		Op op = row.op();
		if (!row.agent()) { // humans: role (admin grants all four) and scope; no tiers, no attenuation
			return row.scopePresent() ? new Expected(op.success, null, "allowed")
					: new Expected(403, "insufficient_scope", "scope_missing");
		}
		if (op.tier.equals("FORBIDDEN")) {
			return new Expected(403, "forbidden", "forbidden");
		}
		if (row.readOnly() && op.writes) {
			return new Expected(403, "insufficient_scope", "attenuated_read_only");
		}
		if (row.scoping() == Scoping.OTHER_RESOURCE) {
			return new Expected(403, "insufficient_scope", "not_in_scoped_resources");
		}
		if (!row.scopePresent()) {
			return new Expected(403, "insufficient_scope", "scope_missing");
		}
		return op.tier.equals("FREE") ? new Expected(op.success, null, "allowed")
				: new Expected(403, "approval_required", "approval_required");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("table")
	void operationWhenTableRowThenStatusAndReasonOfThePolicy(Row row) {
		Op op = row.op();
		String scope = row.scopePresent() ? op.scope : "audit:read";
		ProofKey key = ProofKey.es256();
		String token;
		if (row.agent()) {
			TestIssuer.AgentToken agent = issuer.agent(scope, "scheduling-agent-001").boundTo(key);
			if (row.readOnly()) {
				agent.readOnly();
			}
			if (row.scoping() != Scoping.NONE) {
				agent.scopedTo((row.scoping() == Scoping.THIS_RESOURCE) ? op.resource() : "audit");
			}
			token = agent.mint();
		}
		else {
			token = issuer.token(scope, (header) -> {
			}, (claims) -> {
				if (row.readOnly()) {
					claims.claim("read_only", true);
				}
				if (row.scoping() != Scoping.NONE) {
					claims.claim("scoped_resources",
							List.of((row.scoping() == Scoping.THIS_RESOURCE) ? op.resource() : "audit"));
				}
			});
		}
		RequestSpecification request = row.agent() ? dpop(token, key, op.method, op.path) : bearer(token);
		if (op.body != null) {
			request.contentType("application/json").body(op.body);
		}

		Response response = request.request(op.method, op.path);

		Expected expected = expected(row);
		assertThat(response.statusCode()).as(row.toString()).isEqualTo(expected.status());
		if (expected.error() != null) {
			assertThat(response.jsonPath().getString("error")).as(row.toString()).isEqualTo(expected.error());
		}
		if (expected.error() != null && !expected.error().equals("approval_required")) {
			assertThat(response.jsonPath().getString("reason")).as(row.toString()).isEqualTo(expected.reason());
		}
		if ("insufficient_scope".equals(expected.error())) {
			assertThat(response.jsonPath().getString("scope")).isEqualTo(op.scope);
			assertThat(response.header("WWW-Authenticate")).as(row.toString())
				.startsWith((row.agent() ? "DPoP" : "Bearer") + " error=\"insufficient_scope\"")
				.contains("scope=\"" + op.scope + "\"");
		}
		List<AuditEvent> events = this.audit.forJti(jti(token));
		assertThat(events).as(row.toString()).hasSize(1);
		assertThat(events.get(0).reason()).isEqualTo(expected.reason());
		assertThat(events.get(0).details()).containsEntry("tier", op.tier);
	}

	@Test
	void operationWhenOnlyAnEarlierActorHasTheRightThenRefused() {
		ProofKey key = ProofKey.es256();
		// D16: what the inner act says (scope, roles) grants nothing; the top-level scope decides (RFC 8693 §4.1)
		Map<String, Object> act = Map.of("sub", "analysis-agent-002", "act",
				Map.of("sub", "scheduling-agent-001", "scope", "documents:update", "roles", List.of("admin")));
		String token = issuer.agent("documents:read", "scheduling-agent-001", "analysis-agent-002")
			.claim("act", act)
			.boundTo(key)
			.mint();
		Response response = dpop(token, key, "PUT", "/api/documents/doc-1").contentType("application/json")
			.body("{\"title\":\"Quarterly plan\"}")
			.put("/api/documents/doc-1");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.jsonPath().getString("reason")).isEqualTo("scope_missing");
		String read = issuer.agent("documents:read", "scheduling-agent-001", "analysis-agent-002").boundTo(key).mint();
		assertThat(dpop(read, key, "GET", "/api/documents").get("/api/documents").statusCode()).isEqualTo(200);
	}

	@Test
	void operationWhenFreeWithTheScopeThenRuns() {
		ProofKey key = ProofKey.es256();
		String token = issuer.agent("documents:create", "scheduling-agent-001").boundTo(key).mint();
		Response response = dpop(token, key, "POST", "/api/documents").contentType("application/json")
			.body("{\"title\":\"Written by an agent\"}")
			.post("/api/documents"); // D17
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.jsonPath().getString("createdBy")).isEqualTo("usr-alice-001");
		assertThat(approvals.received()).isEmpty(); // FREE is decided from the token alone
	}

	@Test
	void operationWhenSupervisedWithoutApprovalThenApprovalRequiredAndAudited() {
		ProofKey key = ProofKey.es256();
		String token = issuer.agent(ALL_SCOPES, "scheduling-agent-001").boundTo(key).mint();
		Response response = dpop(token, key, "DELETE", "/api/documents/doc-2").delete("/api/documents/doc-2"); // D18
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.jsonPath().getString("error")).isEqualTo("approval_required");
		assertThat(response.jsonPath().getString("approval_id")).isEqualTo("apr_default");
		assertThat(response.jsonPath().getString("approval_uri")).isEqualTo("http://localhost:9000/approvals/apr_default");
		assertThat(this.audit.forJti(jti(token))).singleElement().satisfies((event) -> {
			assertThat(event.decision()).isEqualTo("approval_required");
			assertThat(event.details()).containsEntry("target", "doc-2").containsEntry("approval_id", "apr_default");
		});
	}

	@Test
	void operationWhenForbiddenWithEveryScopeRootedInAnAdminThenForbiddenAndAudited() {
		ProofKey key = ProofKey.es256();
		for (String[] chain : new String[][] { { "scheduling-agent-001" },
				{ "scheduling-agent-001", "analysis-agent-002" } }) {
			String token = issuer.agent(ALL_SCOPES, chain).boundTo(key).claim("roles", List.of("admin")).mint();
			Response payment = dpop(token, key, "POST", "/api/payments").contentType("application/json")
				.body("{\"amount\":\"5.00\",\"currency\":\"EUR\",\"payee\":\"Agent\"}")
				.post("/api/payments"); // D19
			Response userDelete = dpop(token, key, "DELETE", "/api/users/usr-bob-002").delete("/api/users/usr-bob-002");
			for (Response response : List.of(payment, userDelete)) {
				assertThat(response.statusCode()).isEqualTo(403);
				assertThat(response.jsonPath().getString("error")).isEqualTo("forbidden");
				assertThat(response.jsonPath().getString("reason")).isEqualTo("forbidden");
				assertThat(response.header("WWW-Authenticate")).isNull();
			}
			assertThat(this.audit.forJti(jti(token))).hasSize(2)
				.allSatisfy((event) -> assertThat(event.reason()).isEqualTo("forbidden"));
		}
		assertThat(approvals.received()).isEmpty();
	}

	@Test
	void operationWhenTheIssuesDemoChainThenItsFourAnswers() {
		ProofKey scheduling = ProofKey.es256();
		ProofKey analysis = ProofKey.es256();
		String schedulingToken = issuer.agent("documents:read documents:update documents:delete users:read",
				"scheduling-agent-001").scopedTo("documents").boundTo(scheduling).mint();
		String analysisToken = issuer.agent("documents:read", "scheduling-agent-001", "analysis-agent-002")
			.scopedTo("documents")
			.readOnly()
			.boundTo(analysis)
			.mint();

		assertThat(dpop(schedulingToken, scheduling, "GET", "/api/documents").get("/api/documents").statusCode())
			.isEqualTo(200);
		Response delete = dpop(schedulingToken, scheduling, "DELETE", "/api/documents/doc-3")
			.delete("/api/documents/doc-3");
		assertThat(delete.jsonPath().getString("error")).isEqualTo("approval_required");
		Response users = dpop(schedulingToken, scheduling, "GET", "/api/users").get("/api/users");
		assertThat(users.statusCode()).isEqualTo(403);
		assertThat(users.jsonPath().getString("reason")).isEqualTo("not_in_scoped_resources");
		Response update = dpop(analysisToken, analysis, "PUT", "/api/documents/doc-1").contentType("application/json")
			.body("{\"title\":\"Quarterly plan\"}")
			.put("/api/documents/doc-1");
		assertThat(update.statusCode()).isEqualTo(403);
		assertThat(update.jsonPath().getString("reason")).isEqualTo("attenuated_read_only");
	}

	@Test
	void operationWhenHumanGovernedByRoleThenSupervisedAndForbiddenRunWithoutApproval() {
		String alice = issuer.token(ALL_SCOPES);
		Response created = bearer(alice).contentType("application/json")
			.body("{\"amount\":\"12.50\",\"currency\":\"EUR\",\"payee\":\"Alice pays\"}")
			.post("/api/payments");
		assertThat(created.statusCode()).isEqualTo(201);
		String id = bearer(issuer.token(ALL_SCOPES)).contentType("application/json")
			.body("{\"title\":\"To delete\"}")
			.post("/api/documents")
			.jsonPath()
			.getString("id");
		assertThat(bearer(issuer.token(ALL_SCOPES)).delete("/api/documents/" + id).statusCode()).isEqualTo(204);
		assertThat(approvals.received()).isEmpty();
	}

	@Test
	void preHandleWhenHandlerDeclaresNoOperationThenRefusedWithoutDeciding() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		HandlerMethod undeclared = new HandlerMethod(new Object(), Object.class.getMethod("toString"));

		boolean proceed = this.tierEnforcement.preHandle(new MockHttpServletRequest("GET", "/api/x"), response,
				undeclared);

		assertThat(proceed).isFalse();
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentAsString()).contains("\"error\":\"access_denied\"");
	}

	@Test
	void preHandleWhenNoTokenReachedADeclaredHandlerThenUnauthorized() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		HandlerMethod declared = new HandlerMethod(this,
				TierEnforcementTests.class.getDeclaredMethod("declaredOperation"));

		boolean proceed = this.tierEnforcement.preHandle(new MockHttpServletRequest("GET", "/api/x"), response,
				declared);

		assertThat(proceed).isFalse();
		assertThat(response.getStatus()).isEqualTo(401);
	}

	@RequiresOperation("documents:read")
	void declaredOperation() {
	}

}
