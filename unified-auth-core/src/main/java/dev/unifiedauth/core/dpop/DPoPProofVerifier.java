package dev.unifiedauth.core.dpop;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;

import dev.unifiedauth.core.dpop.DPoPProofException.Reason;
import dev.unifiedauth.core.replay.ReplayStore;
import dev.unifiedauth.core.replay.ReplayStoreUnavailableException;

/**
 * Verifies a DPoP proof against the request that carried it: every check of RFC 9449 §4.3, the server nonce
 * (§8) where one is required, and single use of the proof (§11.1) through the {@link ReplayStore}. The caller
 * has already made sure that the request carries exactly one {@code DPoP} header (§4.3 (1)).
 *
 * <p>Cheap checks on the header and claims come first, the signature next, and the replay store is written
 * last, so that a proof that fails any check does not use up its {@code jti}. A proof's {@code jkt:jti} is
 * remembered until {@code iat + window + 1 s}, after which the {@code iat} check refuses it anyway.
 * Thread-safe.
 */
public final class DPoPProofVerifier {

	/** RFC 9449 §4.2: the {@code typ} of every proof. */
	public static final String TYPE = "dpop+jwt";

	/** The default allow-list: the algorithms clients actually use. */
	public static final List<String> DEFAULT_ALGORITHMS = List.of("ES256", "PS256", "RS256", "EdDSA");

	/** The accepted distance between {@code iat} and now, either way (security-cases pinned rule 3). */
	public static final Duration DEFAULT_IAT_WINDOW = Duration.ofSeconds(60);

	/** The {@link ReplayStore} namespace of proofs. */
	public static final String REPLAY_NAMESPACE = "dpop";

	/** A proof with a 4096-bit RSA key is about 1.5 kB; anything much longer is not a proof. */
	private static final int MAX_PROOF_LENGTH = 8192;

	private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");

	/** NumericDate values beyond this (year 5138) are not times a proof could have been made. */
	private static final double MAX_NUMERIC_DATE = 1e11;

	private final ReplayStore replayStore;

	private final Clock clock;

	private final List<String> algorithms;

	private final Duration iatWindow;

	private final DPoPNonces nonces;

	private DPoPProofVerifier(Builder builder) {
		this.replayStore = builder.replayStore;
		this.clock = builder.clock;
		this.algorithms = builder.algorithms;
		this.iatWindow = builder.iatWindow;
		this.nonces = builder.nonces;
	}

	public static Builder builder(ReplayStore replayStore, Clock clock) {
		return new Builder(replayStore, clock);
	}

	/** The allowed algorithms, in configuration order (for {@code dpop_signing_alg_values_supported}). */
	public List<String> algorithms() {
		return this.algorithms;
	}

	/**
	 * @return the verified proof
	 * @throws DPoPProofException naming the check that failed
	 * @throws ReplayStoreUnavailableException if the replay store cannot record the proof (refuse with 503)
	 */
	public DPoPProof verify(String proof, DPoPRequest request) {
		String[] parts = split(proof);
		Map<String, Object> header = json(parts[0]);
		if (!TYPE.equals(header.get("typ"))) {
			throw new DPoPProofException(Reason.TYP, "The proof typ must be dpop+jwt"); // RFC 9449 §4.3 (4)
		}
		if (!(header.get("alg") instanceof String alg) || !this.algorithms.contains(alg)) {
			// RFC 9449 §4.3 (5): asymmetric, not none, and supported; RFC 8725 §3.1
			throw new DPoPProofException(Reason.ALG, "The proof alg must be one of " + this.algorithms);
		}
		if (header.containsKey("crit")) {
			// RFC 7515 §4.1.11: no extension is understood here
			throw new DPoPProofException(Reason.MALFORMED, "The proof has critical header parameters");
		}
		JWK jwk = ProofKeys.parse(header.get("jwk"), alg); // RFC 9449 §4.3 (5), (7)
		Map<String, Object> claims = json(parts[1]);
		String jti = requiredString(claims, "jti", Reason.JTI); // RFC 9449 §4.3 (3)
		String htm = requiredString(claims, "htm", Reason.HTM);
		String htu = requiredString(claims, "htu", Reason.HTU);
		Instant iat = issuedAt(claims.get("iat"));
		if (!htm.equals(request.method())) {
			throw new DPoPProofException(Reason.HTM, "The proof htm is not the request method"); // §4.3 (8)
		}
		if (!TargetUris.matches(htu, request.targetUri())) {
			throw new DPoPProofException(Reason.HTU, "The proof htu is not the request URI"); // §4.3 (9)
		}
		checkNonce(claims.get("nonce"), request.nonceRequired()); // §4.3 (10), §8
		Instant now = this.clock.instant();
		if (Duration.between(iat, now).abs().compareTo(this.iatWindow) > 0) {
			// RFC 9449 §4.3 (11), §11.1
			throw new DPoPProofException(Reason.IAT, "The proof iat is outside the accepted window");
		}
		if (request.accessToken() != null) {
			checkAccessTokenHash(claims.get("ath"), request.accessToken()); // §4.3 (12)
		}
		ProofKeys.verify(jwk, alg, (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
				new Base64URL(parts[2])); // §4.3 (6)
		String jkt = thumbprint(jwk);
		if (!this.replayStore.firstUse(REPLAY_NAMESPACE, jkt + ":" + jti, iat.plus(this.iatWindow).plusSeconds(1))) {
			throw new DPoPProofException(Reason.JTI_REPLAY, "The proof was used before"); // §11.1
		}
		return new DPoPProof(jkt, jwk.toPublicJWK(), jti, iat);
	}

	/** RFC 9449 §4.3 (2), RFC 7515 §7.1: three canonical base64url segments, nothing else. */
	private static String[] split(String proof) {
		if (proof == null || proof.isEmpty() || proof.length() > MAX_PROOF_LENGTH) {
			throw new DPoPProofException(Reason.MALFORMED, "The proof is not a JWS");
		}
		String[] parts = proof.split("\\.", -1);
		if (parts.length != 3) {
			throw new DPoPProofException(Reason.MALFORMED, "The proof is not a JWS in compact serialization");
		}
		for (String part : parts) {
			if (!SEGMENT.matcher(part).matches() || !isCanonicalBase64Url(part)) {
				throw new DPoPProofException(Reason.MALFORMED, "The proof is not base64url without padding");
			}
		}
		return parts;
	}

	/** No padding and no stray bits in the last character, so that one JWS has exactly one encoding. */
	private static boolean isCanonicalBase64Url(String segment) {
		try {
			return Base64.getUrlEncoder().withoutPadding().encodeToString(Base64.getUrlDecoder().decode(segment))
				.equals(segment);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static Map<String, Object> json(String segment) {
		try {
			byte[] bytes = Base64.getUrlDecoder().decode(segment);
			return JSONObjectUtils.parse(StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString());
		}
		catch (IllegalArgumentException | CharacterCodingException | ParseException ex) {
			throw new DPoPProofException(Reason.MALFORMED, "The proof header or claims are not a JSON object");
		}
	}

	private static String requiredString(Map<String, Object> claims, String name, Reason reason) {
		if (!(claims.get(name) instanceof String value) || value.isEmpty()) {
			throw new DPoPProofException(reason, "The proof must have a " + name + " string claim");
		}
		return value;
	}

	private static Instant issuedAt(Object iat) {
		if (!(iat instanceof Number number) || !Double.isFinite(number.doubleValue())
				|| Math.abs(number.doubleValue()) > MAX_NUMERIC_DATE) {
			throw new DPoPProofException(Reason.IAT, "The proof must have a numeric iat claim");
		}
		if (number instanceof Long || number instanceof Integer) {
			return Instant.ofEpochSecond(number.longValue());
		}
		return Instant.ofEpochMilli(Math.round(number.doubleValue() * 1000));
	}

	private void checkNonce(Object nonce, boolean required) {
		if (required && this.nonces == null) {
			throw new IllegalStateException("A nonce is required but this verifier issues none");
		}
		if (nonce == null) {
			if (required) {
				throw new DPoPProofException(Reason.NONCE_REQUIRED, "A DPoP nonce is required");
			}
			return;
		}
		// a nonce is checked whenever one is sent: a stale one gets the client a fresh one (RFC 9449 §8)
		if (this.nonces != null && !(nonce instanceof String value && this.nonces.isValid(value))) {
			throw new DPoPProofException(Reason.NONCE_INVALID, "The DPoP nonce is invalid or expired");
		}
	}

	private static void checkAccessTokenHash(Object ath, String accessToken) {
		byte[] expected = sha256(accessToken.getBytes(StandardCharsets.US_ASCII));
		byte[] presented;
		try {
			presented = (ath instanceof String value && SEGMENT.matcher(value).matches())
					? Base64.getUrlDecoder().decode(value) : null;
		}
		catch (IllegalArgumentException ex) {
			presented = null;
		}
		if (presented == null || !MessageDigest.isEqual(expected, presented)) {
			throw new DPoPProofException(Reason.ATH, "The proof ath is not the hash of the access token");
		}
	}

	private static String thumbprint(JWK jwk) {
		try {
			return jwk.computeThumbprint().toString(); // RFC 7638, SHA-256
		}
		catch (JOSEException ex) {
			throw new DPoPProofException(Reason.JWK, "The jwk has no thumbprint");
		}
	}

	private static byte[] sha256(byte[] input) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(input);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/** Settings of a verifier; every one has a default except the replay store and the clock. */
	public static final class Builder {

		private final ReplayStore replayStore;

		private final Clock clock;

		private List<String> algorithms = DEFAULT_ALGORITHMS;

		private Duration iatWindow = DEFAULT_IAT_WINDOW;

		private DPoPNonces nonces;

		private Builder(ReplayStore replayStore, Clock clock) {
			this.replayStore = replayStore;
			this.clock = clock;
		}

		/** The allow-list: a non-empty subset of ES256/384/512, RS256/384/512, PS256/384/512 and EdDSA (Ed25519). */
		public Builder algorithms(Collection<String> algorithms) {
			if (algorithms.isEmpty() || !ProofKeys.SUPPORTED.containsAll(algorithms)) {
				throw new IllegalArgumentException("DPoP algorithms must be a non-empty subset of "
						+ ProofKeys.SUPPORTED.stream().sorted().toList() + ", got " + algorithms);
			}
			this.algorithms = List.copyOf(algorithms.stream().distinct().toList());
			return this;
		}

		public Builder iatWindow(Duration window) {
			if (window.isNegative() || window.isZero()) {
				throw new IllegalArgumentException("The iat window must be positive");
			}
			this.iatWindow = window;
			return this;
		}

		/** The server nonces that proofs may (and for some requests must) carry; none by default. */
		public Builder nonces(DPoPNonces nonces) {
			this.nonces = nonces;
			return this;
		}

		public DPoPProofVerifier build() {
			return new DPoPProofVerifier(this);
		}

	}

}
