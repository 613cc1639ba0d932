package dev.unifiedauth.authserver.testing;

import java.time.Instant;
import java.util.UUID;

import dev.unifiedauth.authserver.UnifiedAuthProperties;
import dev.unifiedauth.authserver.clients.ClientDefaults;
import dev.unifiedauth.authserver.clients.ClientSettingNames;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

/**
 * Clients that tests register: a second confidential client like {@code demo-backend}, for tests where one
 * client presents another client's tokens (refresh, revocation), and DPoP-bound ones. Registered once per server.
 */
public final class TestClients {

	public static final String OTHER_BACKEND = "other-backend";

	public static final String OTHER_BACKEND_SECRET = "other-backend-secret";

	/** A confidential client registered with {@code dpop_bound_access_tokens} (RFC 9449 §5.2). */
	public static final String DPOP_BOUND_BACKEND = "dpop-bound-backend";

	public static final String DPOP_BOUND_BACKEND_SECRET = "dpop-bound-backend-secret";

	/** A confidential client whose DPoP proofs must carry a server nonce (RFC 9449 §8). */
	public static final String DPOP_NONCE_BACKEND = "dpop-nonce-backend";

	public static final String DPOP_NONCE_BACKEND_SECRET = "dpop-nonce-backend-secret";

	private TestClients() {
	}

	public static ClientRequests dpopBoundBackend(String baseUrl, RegisteredClientRepository clients,
			PasswordEncoder secrets, UnifiedAuthProperties properties) {
		registerBackend(clients, secrets, properties, DPOP_BOUND_BACKEND, DPOP_BOUND_BACKEND_SECRET,
				ClientDefaults.clientSettings().setting(ClientSettingNames.DPOP_BOUND_ACCESS_TOKENS, true).build());
		return new ClientRequests(baseUrl, DPOP_BOUND_BACKEND, DPOP_BOUND_BACKEND_SECRET);
	}

	public static ClientRequests dpopNonceBackend(String baseUrl, RegisteredClientRepository clients,
			PasswordEncoder secrets, UnifiedAuthProperties properties) {
		registerBackend(clients, secrets, properties, DPOP_NONCE_BACKEND, DPOP_NONCE_BACKEND_SECRET,
				ClientDefaults.clientSettings()
					.setting(ClientSettingNames.DPOP_BOUND_ACCESS_TOKENS, true)
					.setting(ClientSettingNames.REQUIRE_DPOP_NONCE, true)
					.build());
		return new ClientRequests(baseUrl, DPOP_NONCE_BACKEND, DPOP_NONCE_BACKEND_SECRET);
	}

	/**
	 * Registers (once per server) a confidential client like {@code demo-backend}: Basic and post authentication,
	 * code, refresh and client-credentials grants, {@code documents:read} and {@code documents:update}.
	 */
	public static void registerBackend(RegisteredClientRepository clients, PasswordEncoder secrets,
			UnifiedAuthProperties properties, String clientId, String secret, ClientSettings settings) {
		synchronized (TestClients.class) {
			if (clients.findByClientId(clientId) == null) {
				clients.save(RegisteredClient.withId(UUID.randomUUID().toString())
					.clientId(clientId)
					.clientIdIssuedAt(Instant.now())
					.clientSecret(secrets.encode(secret))
					.clientName(clientId)
					.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
					.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
					.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
					.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
					.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
					.redirectUri(DemoClients.LOOPBACK_REDIRECT)
					.scope("documents:read")
					.scope("documents:update")
					.clientSettings(settings)
					.tokenSettings(ClientDefaults.tokenSettings(properties.tokens()))
					.build());
			}
		}
	}

	public static ClientRequests otherBackend(String baseUrl, RegisteredClientRepository clients,
			PasswordEncoder secrets, UnifiedAuthProperties properties) {
		synchronized (TestClients.class) {
			if (clients.findByClientId(OTHER_BACKEND) == null) {
				clients.save(RegisteredClient.withId(UUID.randomUUID().toString())
					.clientId(OTHER_BACKEND)
					.clientIdIssuedAt(Instant.now())
					.clientSecret(secrets.encode(OTHER_BACKEND_SECRET))
					.clientName("Another confidential client")
					.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
					.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
					.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
					.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
					.redirectUri(DemoClients.LOOPBACK_REDIRECT)
					.scope("documents:read")
					.scope("documents:update")
					.clientSettings(ClientDefaults.clientSettings().build())
					.tokenSettings(ClientDefaults.tokenSettings(properties.tokens()))
					.build());
			}
		}
		return new ClientRequests(baseUrl, OTHER_BACKEND, OTHER_BACKEND_SECRET);
	}

}
