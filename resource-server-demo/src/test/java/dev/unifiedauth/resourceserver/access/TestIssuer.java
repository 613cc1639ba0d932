package dev.unifiedauth.resourceserver.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
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
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in authorization server for resource-server tests: it publishes a JWKS on a loopback port and mints
 * access tokens with its key, valid by default and tampered as each test needs.
 */
final class TestIssuer implements AutoCloseable {

	static final String ISSUER = "http://localhost:9000";

	static final String AUDIENCE = "http://localhost:8081";

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

	String jwkSetUri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/jwks";
	}

	ECKey key() {
		return this.key;
	}

	/** A valid RFC 9068 access token for the test audience with {@code scope}. */
	String token(String scope) {
		return token(scope, (header) -> {
		}, (claims) -> {
		});
	}

	String token(String scope, Consumer<JWSHeader.Builder> header, Consumer<JWTClaimsSet.Builder> claims) {
		Instant now = Instant.now();
		JWSHeader.Builder headerBuilder = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
			.keyID(this.key.getKeyID());
		header.accept(headerBuilder);
		JWTClaimsSet.Builder claimsBuilder = new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject("usr-alice-001")
			.audience(List.of(AUDIENCE))
			.claim("client_id", "demo-web")
			.claim("scope", scope)
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

	@Override
	public void close() {
		this.server.stop(0);
	}

}
