package dev.unifiedauth.authserver.registration;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import dev.unifiedauth.authserver.UnifiedAuthProperties;
import dev.unifiedauth.authserver.clients.AgentClients;
import dev.unifiedauth.authserver.clients.ClientDefaults;
import dev.unifiedauth.authserver.clients.ClientSettingNames;
import dev.unifiedauth.core.audit.AuditEvent;
import dev.unifiedauth.core.audit.AuditSink;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns checked metadata into a stored client (RFC 7591 §3.2.1): a generated {@code client_id}; for the
 * secret-based methods a generated 256-bit {@code client_secret} that is returned once and stored only as a hash
 * (the application's {@link PasswordEncoder}, {@code clients.ClientSecretEncoder}); agents get the agent defaults
 * of {@link AgentClients}, service clients those of {@link ClientDefaults}. A {@code private_key_jwt} client gets
 * no secret, since it could not use one. Thread-safe.
 */
final class ClientRegistrations {

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final RegisteredClientRepository clients;

	private final PasswordEncoder secrets;

	private final UnifiedAuthProperties properties;

	private final AuditSink audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	ClientRegistrations(RegisteredClientRepository clients, PasswordEncoder secrets, UnifiedAuthProperties properties,
			AuditSink audit, TransactionTemplate transactions, Clock clock) {
		this.clients = clients;
		this.secrets = secrets;
		this.properties = properties;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Stores a new client with {@code metadata} and audits it ({@code client.registered}) in one transaction.
	 * @param registrant who registers ({@link RegistrationAccess#authorize})
	 */
	Registered register(ClientMetadata metadata, String registrant) {
		String clientId = (metadata.agent() ? "agent-" : "client-") + randomToken(16);
		Instant issuedAt = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		String secret = ClientAuthenticationMethod.PRIVATE_KEY_JWT.equals(metadata.authenticationMethod()) ? null
				: randomToken(32);
		RegisteredClient.Builder client = metadata.agent()
				? AgentClients.agent(UUID.randomUUID().toString(), clientId, issuedAt)
				: RegisteredClient.withId(UUID.randomUUID().toString())
					.clientId(clientId)
					.clientIdIssuedAt(issuedAt)
					.tokenSettings(ClientDefaults.tokenSettings(this.properties.tokens()));
		client.clientName(metadata.clientName())
			.clientAuthenticationMethod(metadata.authenticationMethod())
			.authorizationGrantTypes((grants) -> {
				grants.clear();
				grants.addAll(metadata.grantTypes());
			})
			.redirectUris((uris) -> uris.addAll(metadata.redirectUris()))
			.scopes((scopes) -> scopes.addAll(metadata.scopes()))
			.clientSettings(settings(metadata));
		if (secret != null) {
			client.clientSecret(this.secrets.encode(secret));
		}
		RegisteredClient registered = client.build();
		this.transactions.executeWithoutResult((status) -> {
			this.clients.save(registered);
			this.audit.record(AuditEvent.of("client.registered", this.clock.instant())
				.decision("registered", null)
				.client(clientId)
				// an administrator registering is a human acting; the other registrants are not people
				.chain(RegistrationAccess.OPEN.equals(registrant) || RegistrationAccess.TOKEN.equals(registrant)
						? List.of() : List.of(registrant))
				.detail("registrant", registrant)
				.detail("kind", metadata.agent() ? "agent" : "client")
				.detail("token_endpoint_auth_method", metadata.authenticationMethod().getValue())
				.build());
		});
		return new Registered(clientId, secret, issuedAt);
	}

	private static ClientSettings settings(ClientMetadata metadata) {
		ClientSettings.Builder settings = metadata.agent() ? AgentClients.clientSettings()
				: ClientDefaults.clientSettings()
					.setting(ClientSettingNames.DPOP_BOUND_ACCESS_TOKENS, metadata.dpopBoundAccessTokens());
		if (metadata.jwks() != null) {
			settings.setting(ClientSettingNames.JWKS, metadata.jwks().toJson());
		}
		return settings.build();
	}

	private String randomToken(int bytes) {
		byte[] value = new byte[bytes];
		this.random.nextBytes(value);
		return BASE64URL.encodeToString(value);
	}

	/**
	 * The credentials of a new client.
	 *
	 * @param clientId the generated client identifier
	 * @param clientSecret the generated secret in plain text (never stored), or {@code null}
	 * @param issuedAt when the identifier was issued
	 */
	record Registered(String clientId, String clientSecret, Instant issuedAt) {
	}

}
