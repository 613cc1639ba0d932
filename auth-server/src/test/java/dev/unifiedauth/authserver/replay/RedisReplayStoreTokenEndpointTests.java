package dev.unifiedauth.authserver.replay;

import java.util.Set;
import java.util.UUID;

import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.ClientRequests;
import dev.unifiedauth.authserver.testing.DPoPProofs;
import dev.unifiedauth.core.replay.RedisReplayStore;
import dev.unifiedauth.core.replay.ReplayStore;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.TestPropertySource;

import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The token endpoint with {@code unified-auth.replay-store.type=redis} against the Redis on 127.0.0.1:6379: the
 * proof's {@code jkt:jti} is written to Redis with its expiry and a replay is refused (RFC 9449 §11.1). Skipped
 * without a reachable Redis, except on CI ({@code CI=true}), where that fails.
 */
@AuthServerTest
@TestPropertySource(properties = { "unified-auth.replay-store.type=redis", "spring.data.redis.host=127.0.0.1",
		"spring.data.redis.port=6379", "unified-auth.replay-store.redis-key-prefix=" + RedisReplayStoreTokenEndpointTests.PREFIX })
final class RedisReplayStoreTokenEndpointTests {

	static final String PREFIX = "ua-test-http:";

	@Value("${unified-auth.issuer}")
	String issuer;

	@Autowired
	ReplayStore replayStore;

	@Autowired
	StringRedisTemplate redis;

	@BeforeEach
	void requireRedis() {
		try {
			this.redis.hasKey(PREFIX + "ping");
		}
		catch (RuntimeException ex) {
			String reason = "Redis is not reachable at 127.0.0.1:6379 (" + ex.getClass().getSimpleName()
					+ "): the Redis replay store HTTP tests are skipped";
			if ("true".equals(System.getenv("CI"))) {
				fail(reason + "; on CI (CI=true) Redis is required");
			}
			Assumptions.abort(reason);
		}
	}

	@AfterEach
	void removeKeys() {
		Set<String> keys = this.redis.keys(PREFIX + "*");
		if (keys != null && !keys.isEmpty()) {
			this.redis.delete(keys);
		}
	}

	@Test
	void tokenWhenProofReplayedThenRedisRemembersItAndRefusesTheReplay() {
		ClientRequests backend = ClientRequests.backend(this.issuer);
		String proof = DPoPProofs.tokenRequest(this.issuer).jti("jti-" + UUID.randomUUID()).build();

		assertThat(this.replayStore).isInstanceOf(RedisReplayStore.class);
		assertThat(request(backend, proof).jsonPath().getString("token_type")).isEqualTo("DPoP");
		Set<String> keys = this.redis.keys(PREFIX + "dpop:*");
		assertThat(keys).hasSize(1);
		assertThat(this.redis.getExpire(keys.iterator().next())).isBetween(59L, 122L);
		assertOAuthError(request(backend, proof), 400, "invalid_dpop_proof");
	}

	private static Response request(ClientRequests client, String proof) {
		return client.authenticated()
			.header(DPoPProofs.HEADER, proof)
			.formParam("grant_type", "client_credentials")
			.post("/oauth2/token");
	}

}
