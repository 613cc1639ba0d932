package dev.unifiedauth.authserver.replay;

import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.ClientRequests;
import dev.unifiedauth.authserver.testing.DPoPProofs;
import dev.unifiedauth.authserver.testing.TestServerInitializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertBearerTokenResponse;
import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertOAuthError;

/**
 * With the Redis replay store unreachable, a DPoP request is refused with 503 and never accepted without a replay
 * check (security-cases H04, RFC 9449 §11.1); requests without a proof do not need the store.
 */
@AuthServerTest
final class RedisDownTokenEndpointTests {

	@Value("${unified-auth.issuer}")
	String issuer;

	@DynamicPropertySource
	static void unreachableRedis(DynamicPropertyRegistry registry) {
		int closedPort = TestServerInitializer.freePort();
		registry.add("unified-auth.replay-store.type", () -> "redis");
		registry.add("spring.data.redis.host", () -> "127.0.0.1");
		registry.add("spring.data.redis.port", () -> closedPort);
	}

	@Test
	void tokenWhenRedisDownThenDPoPRequestTemporarilyUnavailable() {
		ClientRequests backend = ClientRequests.backend(this.issuer);

		assertOAuthError(backend.authenticated()
			.header(DPoPProofs.HEADER, DPoPProofs.tokenRequest(this.issuer).build())
			.formParam("grant_type", "client_credentials")
			.post("/oauth2/token"), 503, "temporarily_unavailable");
		assertBearerTokenResponse(backend.clientCredentials("documents:read"));
	}

}
