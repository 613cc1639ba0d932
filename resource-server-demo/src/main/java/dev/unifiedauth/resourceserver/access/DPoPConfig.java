package dev.unifiedauth.resourceserver.access;

import java.time.Clock;

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
 * a proof used at one node is refused at every other (§11.1). No server nonces here (§9 makes them optional).
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
	DPoPProofVerifier dpopProofVerifier(ReplayStore replayStore, Clock clock, ResourceServerProperties properties) {
		return DPoPProofVerifier.builder(replayStore, clock)
			.algorithms(properties.dpop().algorithms())
			.iatWindow(properties.dpop().iatWindow())
			.build();
	}

}
