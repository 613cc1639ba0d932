package dev.unifiedauth.authserver.clients;

import java.time.Clock;

import dev.unifiedauth.authserver.UnifiedAuthProperties;
import dev.unifiedauth.core.replay.ReplayStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/**
 * Beans of client authentication. The {@code private_key_jwt} verifier uses the application's
 * {@link ReplayStore} when one is defined (shared by every node), and otherwise a {@link LocalReplayStore} of its
 * own.
 */
@Configuration(proxyBeanMethods = false)
class ClientAuthenticationConfig {

	@Bean
	ClientAssertionVerifier clientAssertionVerifier(UnifiedAuthProperties properties,
			AuthorizationServerSettings settings, ObjectProvider<ReplayStore> replayStores, Clock clock) {
		ReplayStore replays = replayStores
			.getIfAvailable(() -> new LocalReplayStore(clock, LocalReplayStore.DEFAULT_CAPACITY));
		return new ClientAssertionVerifier(properties.issuer(), properties.issuer() + settings.getTokenEndpoint(),
				replays, clock);
	}

}
