package dev.unifiedauth.authserver.clients;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The client registry as the protocol endpoints see it: a disabled client is not found by its {@code client_id},
 * so it cannot authenticate, start an authorization or be named as an actor (every such lookup goes through
 * {@link #findByClientId}). Lookups by internal id still find it, so that stored authorizations that mention it
 * can be read (and shown as inactive) rather than fail. Thread-safe.
 */
public final class EnabledClients implements RegisteredClientRepository {

	private final RegisteredClientRepository delegate;

	public EnabledClients(RegisteredClientRepository delegate) {
		this.delegate = delegate;
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		this.delegate.save(registeredClient);
	}

	@Override
	public RegisteredClient findById(String id) {
		return this.delegate.findById(id);
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		RegisteredClient client = this.delegate.findByClientId(clientId);
		return (client == null || ClientSettingNames.isDisabled(client.getClientSettings())) ? null : client;
	}

	/** The client whether or not it is disabled, for administration. */
	public RegisteredClient findIncludingDisabled(String clientId) {
		return this.delegate.findByClientId(clientId);
	}

}
