package dev.unifiedauth.authserver.clients;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.unifiedauth.authserver.errors.OAuthErrors;
import dev.unifiedauth.core.replay.ReplayStore;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Verifies a {@code private_key_jwt} client assertion (RFC 7523 §2.2 and §3; OpenID Connect Core §9) against the
 * keys the client registered inline ({@link ClientJwks}); every failure is {@code invalid_client} (RFC 7521
 * §4.2.1). Checks: a JWS signed with one of {@link ClientJwks#ALGORITHMS} by a registered key (one signature
 * verification; EdDSA through the JDK's Ed25519), {@code iss} = {@code sub} = the client id, {@code aud} naming
 * this server or its token endpoint, {@code exp} present, not passed and at most {@link #MAX_LIFETIME} ahead,
 * {@code nbf} and {@code iat} not in the future, and a {@code jti} that is used once: it is recorded in the
 * {@link ReplayStore} until the assertion could no longer be accepted, so a replay is refused (security-cases
 * A29). A replay store that cannot answer throws its {@code ReplayStoreUnavailableException} (503, fail closed).
 * Thread-safe.
 */
public final class ClientAssertionVerifier {

	/** The RFC 7521 §4.2 {@code client_assertion_type} of a JWT client assertion. */
	public static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	/** Replay-store namespace of assertion {@code jti}s. */
	static final String REPLAY_NAMESPACE = "client-assertion";

	/** How far ahead {@code exp} may be: an assertion is made for one request, not kept. */
	static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

	/** Tolerated difference between the client's clock and ours. */
	static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

	static final int MAX_ASSERTION_LENGTH = 8 * 1024;

	static final int MAX_JTI_LENGTH = 256;

	/** RFC 7519 {@code typ} values of a client assertion; any other type is a JWT made for something else. */
	private static final Set<String> TYPES = Set.of("jwt", "client-authentication+jwt");

	/** The DER prefix of an X.509 SubjectPublicKeyInfo for an Ed25519 key (RFC 8410 §4). */
	private static final byte[] ED25519_SPKI_PREFIX = { 0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03,
			0x21, 0x00 };

	private final Set<String> audiences;

	private final ReplayStore replays;

	private final Clock clock;

	/**
	 * @param issuer this server's issuer identifier
	 * @param tokenEndpoint the absolute URL of its token endpoint
	 */
	ClientAssertionVerifier(String issuer, String tokenEndpoint, ReplayStore replays, Clock clock) {
		this.audiences = Set.of(issuer, tokenEndpoint);
		this.replays = replays;
		this.clock = clock;
	}

	/**
	 * Verifies {@code assertion} as the credentials of {@code client}.
	 * @throws OAuth2AuthenticationException {@code invalid_client} naming the failed check
	 */
	Jwt verify(String assertion, RegisteredClient client) {
		if (!client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.PRIVATE_KEY_JWT)) {
			throw invalidClient("The client is not registered for private_key_jwt");
		}
		String jwks = ClientSettingNames.jwks(client.getClientSettings());
		if (jwks == null) {
			throw invalidClient("The client has no registered keys");
		}
		if (assertion.length() > MAX_ASSERTION_LENGTH) {
			throw invalidClient("The client assertion is too large");
		}
		SignedJWT jwt = parse(assertion);
		JWSHeader header = jwt.getHeader();
		String algorithm = header.getAlgorithm().getName();
		if (!ClientJwks.ALGORITHMS.contains(algorithm)) {
			// RFC 8725 §3.1: an allow-list of asymmetric algorithms; none and MACs are refused
			throw invalidClient("The client assertion algorithm is not one of " + ClientJwks.ALGORITHMS);
		}
		if (header.getType() != null && !TYPES.contains(header.getType().getType().toLowerCase(Locale.ROOT))) {
			// RFC 8725 §3.11: a JWT of another kind (an access token, a DPoP proof) is not a client assertion
			throw invalidClient("The client assertion has the type of another kind of JWT");
		}
		if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
			// RFC 7515 §4.1.11: no extension is understood here
			throw invalidClient("The client assertion has critical header parameters");
		}
		JWK key = selectKey(parseJwks(jwks), algorithm, header.getKeyID());
		if (!signatureValid(jwt, key)) {
			throw invalidClient("The client assertion signature does not verify");
		}
		JWTClaimsSet claims = claims(jwt);
		String clientId = client.getClientId();
		// RFC 7523 §3 items 1 and 2; OpenID Connect Core §9 (iss and sub are the client_id)
		if (!clientId.equals(claims.getIssuer()) || !clientId.equals(claims.getSubject())) {
			throw invalidClient("The client assertion iss and sub must be the client_id");
		}
		// RFC 7523 §3 item 3: the audience identifies this authorization server
		List<String> audience = claims.getAudience();
		if (audience == null || audience.stream().noneMatch(this.audiences::contains)) {
			throw invalidClient("The client assertion aud must name this server's issuer or token endpoint");
		}
		Instant expiresAt = checkTimes(claims);
		String jti = claims.getJWTID();
		if (jti == null || jti.isBlank() || jti.length() > MAX_JTI_LENGTH) {
			// OpenID Connect Core §9: jti REQUIRED
			throw invalidClient("The client assertion needs a jti of at most " + MAX_JTI_LENGTH + " characters");
		}
		// RFC 7523 §3 item 7, OpenID Connect Core §9: single use, remembered while it could still be accepted
		// a client_id is VSCHAR (OAuth 2.1 Appendix A.1), so a line feed separates it from the jti unambiguously
		if (!this.replays.firstUse(REPLAY_NAMESPACE, clientId + "\n" + jti, expiresAt.plus(CLOCK_SKEW))) {
			throw invalidClient("The client assertion was already used");
		}
		return Jwt.withTokenValue(assertion)
			.headers((headers) -> headers.putAll(header.toJSONObject()))
			.claims((values) -> {
				values.putAll(claims.toJSONObject());
				values.put(JwtClaimNames.EXP, expiresAt);
				putInstant(values, JwtClaimNames.IAT, claims.getIssueTime());
				putInstant(values, JwtClaimNames.NBF, claims.getNotBeforeTime());
			})
			.build();
	}

	private static void putInstant(Map<String, Object> claims, String name, Date time) {
		if (time != null) {
			claims.put(name, time.toInstant());
		}
	}

	/** RFC 7523 §3 items 4-6; the expiry, which bounds how long the {@code jti} must be remembered. */
	private Instant checkTimes(JWTClaimsSet claims) {
		Instant now = this.clock.instant();
		Date exp = claims.getExpirationTime();
		if (exp == null) {
			throw invalidClient("The client assertion has no exp");
		}
		Instant expiresAt = exp.toInstant();
		if (!expiresAt.plus(CLOCK_SKEW).isAfter(now)) {
			throw invalidClient("The client assertion has expired");
		}
		if (expiresAt.isAfter(now.plus(MAX_LIFETIME).plus(CLOCK_SKEW))) {
			throw invalidClient("The client assertion exp is more than " + MAX_LIFETIME.toMinutes()
					+ " minutes ahead");
		}
		if (isInTheFuture(claims.getNotBeforeTime(), now) || isInTheFuture(claims.getIssueTime(), now)) {
			throw invalidClient("The client assertion nbf or iat is in the future");
		}
		if (claims.getIssueTime() != null && !expiresAt.isAfter(claims.getIssueTime().toInstant())) {
			throw invalidClient("The client assertion exp must be after its iat");
		}
		return expiresAt;
	}

	private static boolean isInTheFuture(Date time, Instant now) {
		return time != null && time.toInstant().isAfter(now.plus(CLOCK_SKEW));
	}

	private static JWK selectKey(ClientJwks jwks, String algorithm, String keyId) {
		List<JWK> candidates = jwks.candidates(algorithm, keyId);
		if (candidates.isEmpty()) {
			throw invalidClient("No registered key of the client matches the assertion's kid and alg");
		}
		if (candidates.size() > 1) {
			throw invalidClient("Several registered keys match; the client assertion must name its kid");
		}
		return candidates.get(0);
	}

	/** One signature verification. */
	private static boolean signatureValid(SignedJWT jwt, JWK key) {
		try {
			if (key instanceof ECKey ec) {
				return jwt.verify(new ECDSAVerifier(ec));
			}
			if (key instanceof RSAKey rsa) {
				return jwt.verify(new RSASSAVerifier(rsa));
			}
			if (key instanceof OctetKeyPair okp) {
				return ed25519Valid(jwt, okp);
			}
			return false;
		}
		catch (JOSEException | GeneralSecurityException | IllegalStateException ex) {
			return false;
		}
	}

	/** EdDSA over Ed25519 (RFC 8037 §3.1) with the JDK's provider; Nimbus would need Tink for it. */
	private static boolean ed25519Valid(SignedJWT jwt, OctetKeyPair key) throws GeneralSecurityException {
		byte[] x = key.getX().decode();
		if (x.length != 32) {
			return false;
		}
		byte[] spki = new byte[ED25519_SPKI_PREFIX.length + x.length];
		System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
		System.arraycopy(x, 0, spki, ED25519_SPKI_PREFIX.length, x.length);
		PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
		Signature verifier = Signature.getInstance("Ed25519");
		verifier.initVerify(publicKey);
		verifier.update(jwt.getSigningInput());
		return verifier.verify(jwt.getSignature().decode());
	}

	private static SignedJWT parse(String assertion) {
		try {
			return SignedJWT.parse(assertion);
		}
		catch (ParseException ex) {
			throw invalidClient("The client assertion is not a signed JWT");
		}
	}

	private static JWTClaimsSet claims(SignedJWT jwt) {
		try {
			return jwt.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw invalidClient("The client assertion claims are not a JSON object");
		}
	}

	private static ClientJwks parseJwks(String json) {
		try {
			return ClientJwks.parse(json);
		}
		catch (IllegalArgumentException ex) {
			throw invalidClient("The client's registered keys cannot be read");
		}
	}

	static OAuth2AuthenticationException invalidClient(String description) {
		// RFC 7521 §4.2.1: an invalid client assertion is invalid_client
		return OAuthErrors.exception(OAuth2ErrorCodes.INVALID_CLIENT, description);
	}

}
