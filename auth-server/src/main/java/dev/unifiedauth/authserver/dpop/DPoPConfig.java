package dev.unifiedauth.authserver.dpop;

import java.time.Clock;

import dev.unifiedauth.authserver.UnifiedAuthProperties;
import dev.unifiedauth.authserver.keys.KeyEncryptionKey;
import dev.unifiedauth.core.audit.AuditSink;
import dev.unifiedauth.core.dpop.DPoPNonces;
import dev.unifiedauth.core.dpop.DPoPProofVerifier;
import dev.unifiedauth.core.replay.ReplayStore;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/**
 * Wires DPoP: the nonces (their MAC key derived from the key-encryption key, so that every node sharing it
 * accepts every node's nonces), the proof verifier on the shared replay store, and the token-endpoint filter.
 */
@Configuration(proxyBeanMethods = false)
class DPoPConfig {

	/** The purpose label of the nonce MAC key derived from the key-encryption key. */
	static final String NONCE_KEY_PURPOSE = "dpop-nonce";

	@Bean
	DPoPNonces dpopNonces(KeyEncryptionKey keyEncryptionKey, DPoPProperties properties, Clock clock) {
		return new DPoPNonces(keyEncryptionKey.deriveKey(NONCE_KEY_PURPOSE), properties.nonceLifetime(), clock);
	}

	@Bean
	DPoPProofVerifier dpopProofVerifier(ReplayStore replayStore, Clock clock, DPoPProperties properties,
			DPoPNonces nonces) {
		return DPoPProofVerifier.builder(replayStore, clock)
			.algorithms(properties.algorithms())
			.iatWindow(properties.iatWindow())
			.nonces(nonces)
			.build();
	}

	/** After {@code TokenEndpointRequestFilter} (method and content type first), before Spring Security. */
	@Bean
	FilterRegistrationBean<DPoPTokenRequestFilter> dpopTokenRequestFilter(UnifiedAuthProperties properties,
			AuthorizationServerSettings settings, DPoPProofVerifier verifier, DPoPNonces nonces,
			RegisteredClientRepository clients, AuditSink audit, Clock clock) {
		FilterRegistrationBean<DPoPTokenRequestFilter> registration = new FilterRegistrationBean<>(
				new DPoPTokenRequestFilter(properties.issuer(), settings.getTokenEndpoint(), verifier, nonces, clients,
						audit, clock));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
		return registration;
	}

}
