package dev.unifiedauth.resourceserver.access;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

import dev.unifiedauth.core.dpop.DPoPNonces;
import dev.unifiedauth.core.dpop.DPoPProofVerifier;
import dev.unifiedauth.core.replay.EmbeddedReplayStore;
import dev.unifiedauth.core.replay.RedisReplayStore;
import dev.unifiedauth.core.replay.ReplayStore;
import dev.unifiedauth.resourceserver.ResourceServerProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * DPoP at this resource server (RFC 9449 §7): the proof verifier of unified-auth-core on a replay store that is
 * embedded (one node) or Redis (every node of a cluster, {@code resource-server.replay-store.type=redis}), so that
 * a proof used at one node is refused at every other (§11.1). Server nonces (§9) when
 * {@code resource-server.dpop.nonces=true}.
 */
@Configuration(proxyBeanMethods = false)
class DPoPConfig {

	private static final Log logger = LogFactory.getLog(DPoPConfig.class);

	@Bean
	ReplayStore replayStore(ResourceServerProperties properties, Clock clock,
			ObjectProvider<StringRedisTemplate> redis) {
		ResourceServerProperties.ReplayStore settings = properties.replayStore();
		return switch (settings.type()) {
			case EMBEDDED -> {
				logger.info("DPoP replay store: embedded, at most " + settings.maxEntries() + " live proofs");
				yield new EmbeddedReplayStore(settings.maxEntries(), clock);
			}
			case REDIS -> {
				logger.info("DPoP replay store: Redis (spring.data.redis.*), key prefix " + settings.redisKeyPrefix());
				yield new RedisReplayStore(redis.getObject(), settings.redisKeyPrefix(), clock);
			}
		};
	}

	@Bean
	ServerNonces serverNonces(ResourceServerProperties properties, Clock clock) {
		ResourceServerProperties.DPoP dpop = properties.dpop();
		if (!dpop.nonces()) {
			return new ServerNonces(null);
		}
		byte[] secret;
		if (dpop.nonceSecret() == null || dpop.nonceSecret().isBlank()) {
			secret = new byte[32];
			new SecureRandom().nextBytes(secret);
			logger.info("DPoP nonces required; their secret is random for this start (set"
					+ " resource-server.dpop.nonce-secret when several nodes must accept each other's nonces)");
		}
		else {
			try {
				// either base64 alphabet (openssl rand -base64 32 gives the standard one)
				secret = Base64.getUrlDecoder().decode(dpop.nonceSecret().trim().replace('+', '-').replace('/', '_'));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException("resource-server.dpop.nonce-secret is not base64: " + ex.getMessage());
			}
			if (secret.length < 32) {
				throw new IllegalStateException("resource-server.dpop.nonce-secret must hold at least 32 bytes");
			}
		}
		return new ServerNonces(new DPoPNonces(secret, dpop.nonceLifetime(), clock));
	}

	@Bean
	DPoPProofVerifier dpopProofVerifier(ReplayStore replayStore, Clock clock, ResourceServerProperties properties,
			ServerNonces nonces) {
		DPoPProofVerifier.Builder builder = DPoPProofVerifier.builder(replayStore, clock)
			.algorithms(properties.dpop().algorithms())
			.iatWindow(properties.dpop().iatWindow());
		if (nonces.required()) {
			builder.nonces(nonces.nonces());
		}
		return builder.build();
	}

}
