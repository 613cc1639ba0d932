package dev.unifiedauth.authserver.demo;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.unifiedauth.authserver.UnifiedAuthProperties;
import dev.unifiedauth.authserver.accounts.PasswordHashing;
import dev.unifiedauth.authserver.accounts.UserAccount;
import dev.unifiedauth.authserver.accounts.UserAccounts;
import dev.unifiedauth.authserver.clients.AgentClients;
import dev.unifiedauth.authserver.clients.ClientDefaults;
import dev.unifiedauth.authserver.clients.ClientSettingNames;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo identities and clients (docs/demo-data.md) before the server accepts requests. Idempotent:
 * what exists is left as it is.
 */
@Component
@Profile("demo")
final class DemoData implements InitializingBean {

	static final String WEB_CLIENT_ID = "demo-web";

	static final String BACKEND_CLIENT_ID = "demo-backend";

	static final String BACKEND_CLIENT_SECRET = "demo-backend-secret";

	static final String SCHEDULING_AGENT_ID = "scheduling-agent-001";

	static final String SCHEDULING_AGENT_SECRET = "scheduling-agent-secret";

	static final String ANALYSIS_AGENT_ID = "analysis-agent-002";

	static final String ANALYSIS_AGENT_SECRET = "analysis-agent-secret";

	static final String RESOURCE_SERVER_CLIENT_ID = "resource-server-demo";

	static final String RESOURCE_SERVER_CLIENT_SECRET = "resource-server-demo-secret";

	static final List<String> RESOURCE_SCOPES = List.of("documents:read", "documents:create", "documents:update",
			"documents:delete", "users:read", "users:update", "users:delete", "payments:read", "payments:create",
			"audit:read");

	private static final Log logger = LogFactory.getLog(DemoData.class);

	private final UserAccounts accounts;

	private final PasswordHashing passwords;

	private final RegisteredClientRepository clients;

	private final PasswordEncoder clientSecrets;

	private final UnifiedAuthProperties properties;

	DemoData(UserAccounts accounts, PasswordHashing passwords,
			RegisteredClientRepository clients, PasswordEncoder clientSecrets, UnifiedAuthProperties properties) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.clients = clients;
		this.clientSecrets = clientSecrets;
		this.properties = properties;
	}

	@Override
	public void afterPropertiesSet() {
		createUser("usr-alice-001", "alice@example.com", "Alice Example", "alice-password", "admin");
		createUser("usr-bob-002", "bob@example.com", "Bob Example", "bob-password", "viewer");
		createClient(webClient());
		createClient(backendClient());
		createClient(agent(SCHEDULING_AGENT_ID, SCHEDULING_AGENT_SECRET, "Scheduling agent"));
		createClient(agent(ANALYSIS_AGENT_ID, ANALYSIS_AGENT_SECRET, "Analysis agent"));
		if (!this.properties.resourceServers().isEmpty()) {
			createClient(resourceServerClient(this.properties.resourceServers().get(0).identifier()));
		}
		logger.info("Demo data present: alice@example.com (admin), bob@example.com (viewer), clients "
				+ WEB_CLIENT_ID + " and " + BACKEND_CLIENT_ID + ", agents " + SCHEDULING_AGENT_ID + " and "
				+ ANALYSIS_AGENT_ID);
	}

	private void createUser(String id, String email, String name, String password, String role) {
		if (this.accounts.findById(id).isEmpty()) {
			this.accounts.createIfAbsent(
					new UserAccount(id, email, name, this.passwords.hash(password), true, Set.of(role)));
		}
	}

	private void createClient(RegisteredClient client) {
		if (this.clients.findByClientId(client.getClientId()) == null) {
			try {
				this.clients.save(client);
			}
			catch (DuplicateKeyException ex) {
				// seeded concurrently by another node
			}
		}
	}

	private RegisteredClient.Builder demoClient(String clientId) {
		return RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientIdIssuedAt(Instant.now())
			.scopes((scopes) -> {
				scopes.addAll(List.of(OidcScopes.OPENID, OidcScopes.PROFILE, OidcScopes.EMAIL));
				scopes.addAll(RESOURCE_SCOPES);
			})
			.clientSettings(ClientDefaults.clientSettings().build())
			.tokenSettings(ClientDefaults.tokenSettings(this.properties.tokens()));
	}

	private RegisteredClient webClient() {
		return demoClient(WEB_CLIENT_ID)
			.clientName("Demo web app (public client)")
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(this.properties.issuer() + "/demo/callback")
			.redirectUri("http://127.0.0.1/callback")
			.build();
	}

	private RegisteredClient backendClient() {
		return demoClient(BACKEND_CLIENT_ID)
			.clientSecret(this.clientSecrets.encode(BACKEND_CLIENT_SECRET))
			.clientName("Demo backend (confidential client)")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			// alice's app delegates to agents (RFC 8693)
			.authorizationGrantType(AuthorizationGrantType.TOKEN_EXCHANGE)
			.redirectUri("http://127.0.0.1/callback")
			.build();
	}

	/** An agent with every agent default (AgentClients), a client secret and every demo resource scope. */
	/**
	 * The demo resource server as a client: it introspects tokens for its audience, asks the decision endpoint and
	 * files approval requests.
	 */
	private RegisteredClient resourceServerClient(String identifier) {
		return RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(RESOURCE_SERVER_CLIENT_ID)
			.clientIdIssuedAt(Instant.now())
			.clientSecret(this.clientSecrets.encode(RESOURCE_SERVER_CLIENT_SECRET))
			.clientName("Demo resource server")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.clientSettings(ClientDefaults.clientSettings()
				.setting(ClientSettingNames.RESOURCE_IDENTIFIER, identifier)
				.build())
			.tokenSettings(ClientDefaults.tokenSettings(this.properties.tokens()))
			.build();
	}

	private RegisteredClient agent(String clientId, String secret, String name) {
		return AgentClients.agent(UUID.randomUUID().toString(), clientId, Instant.now())
			.clientName(name)
			.clientSecret(this.clientSecrets.encode(secret))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.scopes((scopes) -> scopes.addAll(RESOURCE_SCOPES))
			.build();
	}

}
