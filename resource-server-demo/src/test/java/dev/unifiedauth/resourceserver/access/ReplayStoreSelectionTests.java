package dev.unifiedauth.resourceserver.access;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.unifiedauth.core.testing.ProofKey;
import dev.unifiedauth.resourceserver.ResourceServerApplication;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code resource-server.replay-store.type=redis}: several resource-server nodes share the proofs they have seen
 * (RFC 9449 §11.1; security case H08), and a Redis that does not answer fails DPoP requests closed with 503 (H04).
 * The shared-Redis test uses the Redis on 127.0.0.1:6379 and is skipped without one, except on CI
 * ({@code CI=true}), where it fails.
 */
class ReplayStoreSelectionTests {

	private static final TestIssuer issuer = new TestIssuer();

	private static final RevocationFeedStub revocations = new RevocationFeedStub();

	private static final String SPOOL = TemporaryDirectories.create("audit-spool");

	@AfterAll
	static void stopIssuer() {
		issuer.close();
	}

	@Test
	void proofWhenRedisDoesNotAnswerThenTemporarilyUnavailableAndBearerStillWorks() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		try (ConfigurableApplicationContext node = start(closedPort, "ua-test:")) {
			ProofKey key = ProofKey.es256();
			String token = issuer.agent("documents:read", "scheduling-agent-001").boundTo(key).mint();

			Response dpop = withProof(node, token, ResourceServerHttpTest.proof(key, "GET", "/api/documents", token));
			Response bearer = RestAssured.given()
				.port(port(node))
				.header("Authorization", "Bearer " + issuer.token("documents:read"))
				.get("/api/documents");

			assertThat(dpop.statusCode()).isEqualTo(503);
			assertThat(dpop.jsonPath().getString("error")).isEqualTo("temporarily_unavailable");
			assertThat(bearer.statusCode()).isEqualTo(200);
		}
	}

	@Test
	void proofWhenReplayedAtAnotherNodeSharingRedisThenInvalidDPoPProof() {
		assumeRedis();
		String prefix = "ua-test:" + UUID.randomUUID() + ":";
		List<ConfigurableApplicationContext> nodes = new ArrayList<>();
		try {
			nodes.add(start(6379, prefix));
			nodes.add(start(6379, prefix));
			ProofKey key = ProofKey.es256();
			String token = issuer.agent("documents:read", "scheduling-agent-001").boundTo(key).mint();
			String proof = ResourceServerHttpTest.proof(key, "GET", "/api/documents", token);

			Response first = withProof(nodes.get(0), token, proof);
			Response replay = withProof(nodes.get(1), token, proof);

			assertThat(first.statusCode()).isEqualTo(200);
			assertThat(replay.statusCode()).isEqualTo(401);
			assertThat(replay.header("WWW-Authenticate")).startsWith("DPoP error=\"invalid_dpop_proof\"");
		}
		finally {
			nodes.forEach(ConfigurableApplicationContext::close);
		}
	}

	private static Response withProof(ConfigurableApplicationContext node, String token, String proof) {
		return RestAssured.given()
			.port(port(node))
			.header("Authorization", "DPoP " + token)
			.header("DPoP", proof)
			.get("/api/documents");
	}

	private static ConfigurableApplicationContext start(int redisPort, String prefix) {
		return new SpringApplicationBuilder(ResourceServerApplication.class).run("--server.port=0",
				"--resource-server.replay-store.type=redis", "--resource-server.replay-store.redis-key-prefix=" + prefix,
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort,
				"--spring.data.redis.timeout=1s", "--spring.data.redis.connect-timeout=1s",
				"--resource-server.jwk-set-uri=" + issuer.jwkSetUri(), "--resource-server.identifier=" + TestIssuer.AUDIENCE,
				"--resource-server.issuer=" + TestIssuer.ISSUER,
				"--resource-server.revocation.feed-uri=" + revocations.feedUri(),
				"--resource-server.audit.spool-directory=" + SPOOL, "--spring.main.banner-mode=off");
	}

	private static int port(ConfigurableApplicationContext node) {
		return ((WebServerApplicationContext) node).getWebServer().getPort();
	}

	private static void assumeRedis() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", 6379), 500);
		}
		catch (IOException ex) {
			if ("true".equals(System.getenv("CI"))) {
				throw new IllegalStateException("Redis is not reachable at 127.0.0.1:6379 on CI", ex);
			}
			Assumptions.abort("Redis is not reachable at 127.0.0.1:6379");
		}
	}

}
