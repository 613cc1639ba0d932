package dev.unifiedauth.authserver.testing;

import java.time.Instant;
import java.util.UUID;

import dev.unifiedauth.authserver.UnifiedAuthProperties;
import dev.unifiedauth.authserver.clients.ClientDefaults;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * A second confidential client registered like {@code demo-backend}, for tests where one client presents
 * another client's tokens (refresh, revocation). Registered once per server.
 */
public final class TestClients {

	public static final String OTHER_BACKEND = "other-backend";

	public static final String OTHER_BACKEND_SECRET = "other-backend-secret";

	private TestClients() {
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
