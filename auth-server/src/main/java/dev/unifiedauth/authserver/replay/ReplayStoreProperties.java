package dev.unifiedauth.authserver.replay;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The replay store, bound from {@code unified-auth.replay-store.*}. Redis itself is configured with Spring Boot's
 * {@code spring.data.redis.*}.
 *
 * @param type {@code embedded} (one node, in memory) or {@code redis} (shared by every node)
 * @param maxEntries the most identifiers the embedded store holds at once; when full of live identifiers it
 * refuses requests (503) rather than forget one. 100 000 entries take 6 MiB and cover ~800 proofs per second
 * (each is kept up to 121 s), more than this server can verify on 2 cores
 * @param redisKeyPrefix the prefix of every key the Redis store writes
 */
@ConfigurationProperties("unified-auth.replay-store")
public record ReplayStoreProperties(@DefaultValue("embedded") Type type, @DefaultValue("100000") int maxEntries,
		@DefaultValue("unified-auth:replay:") String redisKeyPrefix) {

	public enum Type {

		EMBEDDED, REDIS

	}

}
