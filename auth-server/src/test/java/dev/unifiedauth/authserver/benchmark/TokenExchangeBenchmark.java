package dev.unifiedauth.authserver.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.unifiedauth.authserver.AuthServerApplication;
import dev.unifiedauth.authserver.testing.Delegations;
import dev.unifiedauth.authserver.testing.TestServerInitializer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A small load run of the token exchange with DPoP (the sub-delegation hop: an agent proves its DPoP-bound token
 * and names another agent). Not a test: run it with {@code ./mvnw -pl auth-server -am -Pbenchmark test}.
 * <p>
 * Prints the median and p99 latency of one exchange (one client thread), the exchanges per second with two
 * client threads, and the cost of the signature operations one exchange needs (DPoP proof verify, subject token
 * verify, actor token verify, new token sign) measured in this JVM, to compare against.
 */
public final class TokenExchangeBenchmark {

	private static final int WARMUP = 1500;

	private static final int LATENCY_SAMPLES = 3000;

	private static final Duration THROUGHPUT_RUN = Duration.ofSeconds(20);

	private TokenExchangeBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int port = TestServerInitializer.freePort();
		String issuer = "http://localhost:" + port;
		byte[] kek = new byte[32];
		new SecureRandom().nextBytes(kek);
		ConfigurableApplicationContext server = new SpringApplicationBuilder(AuthServerApplication.class)
			.profiles("demo")
			.run("--server.port=" + port, "--server.address=127.0.0.1", "--unified-auth.issuer=" + issuer,
					"--spring.datasource.url=jdbc:h2:mem:benchmark;DB_CLOSE_DELAY=-1",
					"--unified-auth.keys.encryption-key=" + Base64.getEncoder().encodeToString(kek),
					"--logging.level.root=WARN", "--logging.level.unified-auth=WARN");
		try {
			run(issuer);
		}
		finally {
			server.close();
		}
	}

	private static void run(String issuer) throws Exception {
		Delegations delegations = new Delegations(issuer);
		Delegations.Agent scheduling = delegations.agent("scheduling-agent-001", "scheduling-agent-secret");
		Delegations.Agent analysis = delegations.agent("analysis-agent-002", "analysis-agent-secret");
		Map<String, String> hop1 = Delegations.exchange(delegations.aliceToken(Delegations.ALL_ALICE_SCOPES),
				scheduling.identityToken());
		hop1.put("task_id", "task-benchmark");
		hop1.put("audience", "documents");
		String schedulingToken = delegations.asBackend(hop1).jsonPath().getString("access_token");
		String analysisIdentity = analysis.identityToken();
		String nonce = scheduling.exchange(Delegations.exchange(schedulingToken, analysisIdentity))
			.header("DPoP-Nonce");
		Exchange exchange = new Exchange(issuer, scheduling, schedulingToken, analysisIdentity, nonce);

		for (int i = 0; i < WARMUP; i++) {
			exchange.once();
		}
		List<Long> latencies = new ArrayList<>(LATENCY_SAMPLES);
		for (int i = 0; i < LATENCY_SAMPLES; i++) {
			latencies.add(exchange.once());
		}
		Collections.sort(latencies);
		double median = latencies.get(latencies.size() / 2) / 1e6;
		double p99 = latencies.get((int) (latencies.size() * 0.99)) / 1e6;

		AtomicLong done = new AtomicLong();
		long deadline = System.nanoTime() + THROUGHPUT_RUN.toNanos();
		Thread[] clients = new Thread[2];
		for (int t = 0; t < clients.length; t++) {
			clients[t] = new Thread(() -> {
				while (System.nanoTime() < deadline) {
					exchange.once();
					done.incrementAndGet();
				}
			});
			clients[t].start();
		}
		for (Thread client : clients) {
			client.join();
		}
		double perSecond = done.get() / (double) THROUGHPUT_RUN.toSeconds();

		Crypto crypto = Crypto.measure();
		double serverCryptoMillis = 3 * crypto.verifyMillis + crypto.signMillis;
		double clientCryptoMillis = crypto.signMillis; // the client signs one DPoP proof per exchange
		double boundPerSecond = 2 * 1000 / (serverCryptoMillis + clientCryptoMillis);
		System.out.printf("%n=== Token exchange with DPoP (sub-delegation hop), %s, %d cores ===%n",
				System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
		System.out.printf("latency, 1 client thread, %d exchanges: median %.2f ms, p99 %.2f ms%n", LATENCY_SAMPLES,
				median, p99);
		System.out.printf("throughput, 2 client threads, %d s: %.0f exchanges/s%n", THROUGHPUT_RUN.toSeconds(),
				perSecond);
		System.out.printf("ES256 in this JVM: sign %.3f ms, verify %.3f ms%n", crypto.signMillis, crypto.verifyMillis);
		System.out.printf("signature operations per exchange: server 3 verify + 1 sign = %.2f ms, client 1 sign = %.2f ms%n",
				serverCryptoMillis, clientCryptoMillis);
		System.out.printf("bound if the 2 cores did nothing but these signatures: %.0f exchanges/s; measured %.0f%% of it%n",
				boundPerSecond, 100 * perSecond / boundPerSecond);
	}

	/** One sub-delegation request, sent with java.net.http and a fresh DPoP proof each time. */
	private static final class Exchange {

		private final HttpClient http = HttpClient.newHttpClient();

		private final URI tokenEndpoint;

		private final Delegations.Agent scheduling;

		private final String body;

		private final String authorization;

		private final String nonce;

		Exchange(String issuer, Delegations.Agent scheduling, String subject, String actor, String nonce) {
			this.tokenEndpoint = URI.create(issuer + "/oauth2/token");
			this.scheduling = scheduling;
			this.nonce = nonce;
			StringJoiner form = new StringJoiner("&");
			Delegations.exchange(subject, actor).forEach((name, value) -> form.add(name + "="
					+ java.net.URLEncoder.encode(value, StandardCharsets.UTF_8)));
			this.body = form.toString();
			this.authorization = "Basic " + Base64.getEncoder()
				.encodeToString("scheduling-agent-001:scheduling-agent-secret".getBytes(StandardCharsets.UTF_8));
		}

		/** @return nanoseconds from sending the request to having the response */
		long once() {
			String proof = this.scheduling.keys().proof("POST", this.tokenEndpoint.toString(), this.nonce);
			HttpRequest request = HttpRequest.newBuilder(this.tokenEndpoint)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Authorization", this.authorization)
				.header("DPoP", proof)
				.POST(HttpRequest.BodyPublishers.ofString(this.body))
				.build();
			long start = System.nanoTime();
			try {
				HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				long elapsed = System.nanoTime() - start;
				if (response.statusCode() != 200) {
					throw new IllegalStateException("exchange failed: " + response.statusCode() + " " + response.body());
				}
				return elapsed;
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/** The cost of ES256 signing and verifying in this JVM, after warm-up. */
	private record Crypto(double signMillis, double verifyMillis) {

		static Crypto measure() throws Exception {
			ECKey key = new ECKeyGenerator(Curve.P_256).generate();
			ECDSASigner signer = new ECDSASigner(key);
			ECDSAVerifier verifier = new ECDSAVerifier(key.toPublicJWK());
			JWTClaimsSet claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString()).build();
			JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).build();
			SignedJWT jwt = null;
			for (int i = 0; i < 3000; i++) {
				jwt = new SignedJWT(header, claims);
				jwt.sign(signer);
				jwt.verify(verifier);
			}
			int rounds = 3000;
			long start = System.nanoTime();
			for (int i = 0; i < rounds; i++) {
				jwt = new SignedJWT(header, claims);
				jwt.sign(signer);
			}
			double sign = (System.nanoTime() - start) / 1e6 / rounds;
			start = System.nanoTime();
			for (int i = 0; i < rounds; i++) {
				jwt.verify(verifier);
			}
			double verify = (System.nanoTime() - start) / 1e6 / rounds;
			return new Crypto(sign, verify);
		}

	}

}
