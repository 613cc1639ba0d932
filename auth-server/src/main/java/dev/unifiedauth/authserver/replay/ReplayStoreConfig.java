package dev.unifiedauth.authserver.replay;

import java.time.Clock;

import dev.unifiedauth.core.replay.EmbeddedReplayStore;
import dev.unifiedauth.core.replay.RedisReplayStore;
import dev.unifiedauth.core.replay.ReplayStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Provides the one {@link ReplayStore} of this server. Every capability that needs single use injects it.
 */
@Configuration(proxyBeanMethods = false)
class ReplayStoreConfig {

	private static final Log logger = LogFactory.getLog(ReplayStoreConfig.class);

	@Bean
	ReplayStore replayStore(ReplayStoreProperties properties, Clock clock, ObjectProvider<StringRedisTemplate> redis) {
		return switch (properties.type()) {
			case EMBEDDED -> {
				logger.info("Replay store: embedded, at most " + properties.maxEntries() + " live identifiers");
				yield new EmbeddedReplayStore(properties.maxEntries(), clock);
			}
			case REDIS -> {
				logger.info("Replay store: Redis (spring.data.redis.*), key prefix " + properties.redisKeyPrefix());
				yield new RedisReplayStore(redis.getObject(), properties.redisKeyPrefix(), clock);
			}
		};
	}

}
