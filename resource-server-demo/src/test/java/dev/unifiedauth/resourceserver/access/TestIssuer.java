package dev.unifiedauth.resourceserver.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.unifiedauth.core.testing.ProofKey;
import dev.unifiedauth.core.token.ActorChain;

/**
 * A stand-in authorization server for resource-server tests: it publishes a JWKS on a loopback port and mints
 * access tokens with its key, valid by default and tampered as each test needs. The default token is alice's own
 * (role {@code admin}); {@link #agent} starts an agent token with a chain, a task and, if asked, a DPoP key.
 */
public final class TestIssuer implements AutoCloseable {

	public static final String ISSUER = "http://localhost:9000";

	public static final String AUDIENCE = "http://localhost:8081";

	private final ECKey key;

	private final HttpServer server;

	TestIssuer() {
		try {
			this.key = new ECKeyGenerator(Curve.P_256).keyID("test-key").algorithm(JWSAlgorithm.ES256).generate();
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		byte[] jwks = new JWKSet(this.key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
		this.server.createContext("/jwks", (exchange) -> {
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, jwks.length);
			exchange.getResponseBody().write(jwks);
			exchange.close();
		});
		this.server.start();
	}

	public String jwkSetUri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/jwks";
	}

	public ECKey key() {
		return this.key;
	}

	/** alice's token for the test audience with {@code scope}, presented as Bearer. */
	public String token(String scope) {
		return token(scope, (header) -> {
		}, (claims) -> {
		});
	}

	public String token(String scope, Consumer<JWSHeader.Builder> header, Consumer<JWTClaimsSet.Builder> claims) {
		Instant now = Instant.now();
		JWSHeader.Builder headerBuilder = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
			.keyID(this.key.getKeyID());
		header.accept(headerBuilder);
		JWTClaimsSet.Builder claimsBuilder = new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject("usr-alice-001")
			.audience(List.of(AUDIENCE))
			.claim("client_id", "demo-web")
			.claim("scope", scope)
			.claim("roles", List.of("admin"))
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.jwtID(UUID.randomUUID().toString());
		claims.accept(claimsBuilder);
		try {
			SignedJWT jwt = new SignedJWT(headerBuilder.build(), claimsBuilder.build());
			jwt.sign(new ECDSASigner(this.key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A token of exactly these header and payload JSON texts, signed ES256 with the issuer's key. */
	public String signRaw(String headerJson, String payloadJson) {
		return signRaw(headerJson, payloadJson.getBytes(StandardCharsets.UTF_8));
	}

	/** A token of exactly this header JSON text and these payload bytes (which need not be UTF-8). */
	public String signRaw(String headerJson, byte[] payload) {
		Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
		String signingInput = base64url.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
				+ base64url.encodeToString(payload);
		try {
			Base64URL signature = new ECDSASigner(this.key).sign(new JWSHeader(JWSAlgorithm.ES256),
					signingInput.getBytes(StandardCharsets.US_ASCII));
			return signingInput + "." + signature;
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The payload JSON of a valid token of alice's, with {@code extra} members appended verbatim. */
	public String payloadJson(String scope, String extra) {
		long now = Instant.now().getEpochSecond();
		return "{\"iss\":\"" + ISSUER + "\",\"sub\":\"usr-alice-001\",\"aud\":[\"" + AUDIENCE
				+ "\"],\"client_id\":\"demo-web\",\"scope\":\"" + scope + "\",\"roles\":[\"admin\"],\"iat\":" + now
				+ ",\"exp\":" + (now + 300) + ",\"jti\":\"" + UUID.randomUUID() + "\"" + extra + "}";
	}

	/**
	 * An agent token for alice: {@code act} nests {@code actors} (first delegate first, the last is the current
	 * actor and the {@code client_id}), task {@code task-1}, no roles.
	 */
	public AgentToken agent(String scope, String... actors) {
		return new AgentToken(scope, List.of(actors));
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/** An agent token under construction. Not thread-safe. */
	public final class AgentToken {

		private final String scope;

		private final List<String> actors;

		private final Map<String, Object> claims = new LinkedHashMap<>();

		private AgentToken(String scope, List<String> actors) {
			this.scope = scope;
			this.actors = actors;
			this.claims.put("task_id", "task-1");
		}

		/** Bound to {@code key} ({@code cnf.jkt}, RFC 9449 §6.1). */
		public AgentToken boundTo(ProofKey key) {
			return claim("cnf", Map.of("jkt", key.thumbprint()));
		}

		public AgentToken readOnly() {
			return claim("read_only", true);
		}

		public AgentToken scopedTo(String... resources) {
			return claim("scoped_resources", List.of(resources));
		}

		public AgentToken task(String task) {
			return claim("task_id", task);
		}

		/** Any claim; {@code null} removes it. */
		public AgentToken claim(String name, Object value) {
			this.claims.put(name, value);
			return this;
		}

		public String mint() {
			return token(this.scope, (header) -> {
			}, (builder) -> {
				builder.claim("roles", null);
				builder.claim("client_id", this.actors.get(this.actors.size() - 1));
				builder.claim("act", new ActorChain(this.actors).toActClaim());
				this.claims.forEach(builder::claim);
			});
		}

	}

}
