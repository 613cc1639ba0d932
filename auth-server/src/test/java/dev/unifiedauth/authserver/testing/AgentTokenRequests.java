package dev.unifiedauth.authserver.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Token requests of an agent: {@code client_credentials} authenticated with a client secret or a
 * {@code private_key_jwt} assertion, each with a DPoP proof (RFC 9449 §4) of the agent's own ES256 key, as a
 * client registered with {@code dpop_bound_access_tokens} must send. When the server asks for a nonce
 * ({@code 400 use_dpop_nonce} with a {@code DPoP-Nonce} header, RFC 9449 §8) the request is sent once more with
 * the nonce and, for assertions, a fresh assertion (each one is single-use).
 */
public final class AgentTokenRequests {

	private final String baseUrl;

	private final ECKey dpopKey;

	public AgentTokenRequests(String baseUrl) {
		this.baseUrl = baseUrl;
		try {
			this.dpopKey = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The RFC 7638 thumbprint of the DPoP key: the {@code cnf.jkt} of tokens bound to it. */
	public String jkt() {
		try {
			return this.dpopKey.toPublicJWK().computeThumbprint().toString();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** {@code client_credentials} with the secret in HTTP Basic ({@code basic}) or in the body. */
	public Response clientCredentials(String clientId, String secret, boolean basic, String scope) {
		return send((nonce) -> {
			RequestSpecification request = request(nonce);
			if (basic) {
				request.auth().preemptive().basic(clientId, secret);
			}
			else {
				request.formParam("client_id", clientId).formParam("client_secret", secret);
			}
			if (scope != null) {
				request.formParam("scope", scope);
			}
			return request;
		});
	}

	/**
	 * {@code client_credentials} authenticated with assertions from {@code assertions} (a new one per attempt).
	 * @return the response and the assertion of the last attempt
	 */
	public Sent clientCredentials(Supplier<String> assertions) {
		String[] last = new String[1];
		Response response = send((nonce) -> {
			last[0] = assertions.get();
			return request(nonce).formParam("client_assertion_type", ClientAssertions.TYPE)
				.formParam("client_assertion", last[0]);
		});
		return new Sent(response, last[0]);
	}

	/** Sends {@code assertion} exactly as given, with a fresh proof (and a nonce if the server asks for one). */
	public Response clientCredentialsWithAssertion(String assertion) {
		return send((nonce) -> request(nonce).formParam("client_assertion_type", ClientAssertions.TYPE)
			.formParam("client_assertion", assertion));
	}

	private Response send(Function<String, RequestSpecification> request) {
		Response response = request.apply(null).post("/oauth2/token");
		String nonce = response.header("DPoP-Nonce");
		if (response.statusCode() == 400 && nonce != null && response.asString().contains("use_dpop_nonce")) {
			response = request.apply(nonce).post("/oauth2/token");
		}
		return response;
	}

	private RequestSpecification request(String nonce) {
		return AuthorizationRequests.tokenRequest(this.baseUrl)
			.header("DPoP", proof("POST", this.baseUrl + "/oauth2/token", nonce))
			.formParam("grant_type", "client_credentials");
	}

	/** A DPoP proof for one request (RFC 9449 §4.2). */
	public String proof(String method, String uri, String nonce) {
		return proof(method, uri, nonce, null);
	}

	/** A DPoP proof for one request to a resource server with {@code accessToken} (RFC 9449 §4.2, {@code ath}). */
	public String resourceProof(String method, String uri, String accessToken) {
		return proof(method, uri, null, accessToken);
	}

	private String proof(String method, String uri, String nonce, String accessToken) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
			.claim("htm", method)
			.claim("htu", uri)
			.issueTime(Date.from(Instant.now()));
		if (nonce != null) {
			claims.claim("nonce", nonce);
		}
		if (accessToken != null) {
			claims.claim("ath", Base64URL.encode(sha256(accessToken)).toString());
		}
		SignedJWT proof = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
			.jwk(this.dpopKey.toPublicJWK())
			.build(), claims.build());
		try {
			proof.sign(new ECDSASigner(this.dpopKey));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return proof.serialize();
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A token response and the assertion that authenticated its request.
	 *
	 * @param response the token endpoint's response
	 * @param assertion the client assertion sent last
	 */
	public record Sent(Response response, String assertion) {
	}

}
