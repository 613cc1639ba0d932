package dev.unifiedauth.authserver.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/**
 * Drives token exchanges over HTTP as the demo's parties do: alice's app ({@code demo-backend}) holds alice's
 * token, agents hold their own DPoP keys and identity tokens. Parameters are the RFC 8693 form parameters.
 */
public final class Delegations {

	public static final String GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";

	public static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";

	public static final String ALL_ALICE_SCOPES = "documents:read documents:create documents:update documents:delete"
			+ " users:read users:update users:delete payments:read payments:create audit:read";

	private final String baseUrl;

	public Delegations(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/** Alice's access token for demo-backend, through login, consent and the code flow. */
	public String aliceToken(String scope) {
		return aliceTokenOf(BrowserSession.loggedIn(this.baseUrl, DemoClients.ALICE_EMAIL, DemoClients.ALICE_PASSWORD),
				scope);
	}

	/** The access token for demo-backend of whoever is logged in to {@code human}, through consent and the code flow. */
	public String aliceTokenOf(BrowserSession human, String scope) {
		IssuedCode code = IssuedCode.issue(human, DemoClients.BACKEND, scope);
		Response token = AuthorizationRequests.redeemAsBackend(this.baseUrl, code.code(), code.pkce().verifier());
		if (token.statusCode() != 200) {
			throw new IllegalStateException("human's token: " + token.statusCode() + " " + token.asString());
		}
		return token.jsonPath().getString("access_token");
	}

	public Agent agent(String clientId, String secret) {
		return new Agent(clientId, secret, new AgentTokenRequests(this.baseUrl));
	}

	/** Registers a new agent client (RFC 7591, with the demo initial access token) for every demo scope. */
	public Agent registerAgent(String name) {
		Response registered = given().baseUri(this.baseUrl)
			.contentType(ContentType.JSON)
			.header("Authorization", "Bearer demo-initial-access-token")
			.body("{\"client_name\":\"" + name + "\",\"dpop_bound_access_tokens\":true,\"scope\":\""
					+ ALL_ALICE_SCOPES + "\"}")
			.post("/oauth2/register");
		if (registered.statusCode() != 201) {
			throw new IllegalStateException("registration of " + name + ": " + registered.asString());
		}
		return agent(registered.jsonPath().getString("client_id"), registered.jsonPath().getString("client_secret"));
	}

	/** The parameters of an exchange of {@code subject}, optionally naming the actor by its identity token. */
	public static Map<String, String> exchange(String subject, String actorToken) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("grant_type", GRANT);
		parameters.put("subject_token", subject);
		parameters.put("subject_token_type", ACCESS_TOKEN);
		if (actorToken != null) {
			parameters.put("actor_token", actorToken);
			parameters.put("actor_token_type", ACCESS_TOKEN);
		}
		return parameters;
	}

	/** An exchange requested by demo-backend (HTTP Basic, no DPoP proof: it is not DPoP-bound). */
	public Response asBackend(Map<String, String> parameters) {
		RequestSpecification request = AuthorizationRequests.tokenRequest(this.baseUrl)
			.auth()
			.preemptive()
			.basic(DemoClients.BACKEND, DemoClients.BACKEND_SECRET);
		parameters.forEach(request::formParam);
		return request.post("/oauth2/token");
	}

	/** An agent client with its own DPoP key. */
	public final class Agent {

		private final String clientId;

		private final String secret;

		private final AgentTokenRequests requests;

		Agent(String clientId, String secret, AgentTokenRequests requests) {
			this.clientId = clientId;
			this.secret = secret;
			this.requests = requests;
		}

		public String clientId() {
			return this.clientId;
		}

		/** The thumbprint of this agent's DPoP key. */
		public String jkt() {
			return this.requests.jkt();
		}

		public AgentTokenRequests keys() {
			return this.requests;
		}

		/** This agent's identity token (client credentials, bound to its key). */
		public String identityToken() {
			Response response = this.requests.clientCredentials(this.clientId, this.secret, true, null);
			if (response.statusCode() != 200) {
				throw new IllegalStateException("identity token of " + this.clientId + ": " + response.asString());
			}
			return response.jsonPath().getString("access_token");
		}

		/** An exchange requested by this agent with a DPoP proof of its key (and the nonce, when asked). */
		public Response exchange(Map<String, String> parameters) {
			return send((nonce) -> {
				RequestSpecification request = AuthorizationRequests.tokenRequest(Delegations.this.baseUrl)
					.auth()
					.preemptive()
					.basic(this.clientId, this.secret)
					.header("DPoP", this.requests.proof("POST", Delegations.this.baseUrl + "/oauth2/token", nonce));
				parameters.forEach(request::formParam);
				return request;
			});
		}

		/** A request to a resource server with {@code accessToken} bound to this agent's key (DPoP scheme). */
		public RequestSpecification resourceRequest(String method, String url, String accessToken) {
			return given().header("Authorization", "DPoP " + accessToken)
				.header("DPoP", this.requests.resourceProof(method, url, accessToken));
		}

		/** An exchange requested by this agent without any DPoP proof. */
		public Response exchangeWithoutProof(Map<String, String> parameters) {
			RequestSpecification request = AuthorizationRequests.tokenRequest(Delegations.this.baseUrl)
				.auth()
				.preemptive()
				.basic(this.clientId, this.secret);
			parameters.forEach(request::formParam);
			return request.post("/oauth2/token");
		}

		private Response send(Function<String, RequestSpecification> request) {
			Response response = request.apply(null).post("/oauth2/token");
			String nonce = response.header("DPoP-Nonce");
			if (response.statusCode() == 400 && nonce != null && response.asString().contains("use_dpop_nonce")) {
				response = request.apply(nonce).post("/oauth2/token");
			}
			return response;
		}

	}

}
