package dev.unifiedauth.core.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * Builds DPoP proofs (RFC 9449 §4.2) for tests, valid by default and tampered on demand: any key and algorithm,
 * any claim or header replaced or removed, the signature made by another function or altered afterwards. The
 * defaults are {@code typ: dpop+jwt}, the key's {@code alg}, its public {@code jwk}, a random {@code jti},
 * {@code htm: POST} and {@code iat} = the time of {@link #build()}. Not thread-safe; build one proof per builder or reuse it sequentially
 * (each {@link #build()} without an explicit {@code jti} gets a fresh one).
 */
public final class DPoPProofBuilder {

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private static final SecureRandom RANDOM = new SecureRandom();

	private final ProofKey key;

	private final Map<String, Object> header = new LinkedHashMap<>();

	private final Map<String, Object> claims = new LinkedHashMap<>();

	private boolean freshJti = true;

	private boolean currentIat = true;

	private UnaryOperator<byte[]> signer;

	private UnaryOperator<byte[]> signatureTamper = UnaryOperator.identity();

	private DPoPProofBuilder(ProofKey key) {
		this.key = key;
		this.signer = key::sign;
		this.header.put("typ", "dpop+jwt");
		this.header.put("alg", key.algorithm());
		this.header.put("jwk", key.publicKey().toJSONObject());
		this.claims.put("htm", "POST");
	}

	/** A proof signed with {@code key}. */
	public static DPoPProofBuilder with(ProofKey key) {
		return new DPoPProofBuilder(key);
	}

	/** A proof signed with a fresh ES256 key. */
	public static DPoPProofBuilder es256() {
		return with(ProofKey.es256());
	}

	public ProofKey key() {
		return this.key;
	}

	public DPoPProofBuilder htm(String method) {
		return claim("htm", method);
	}

	public DPoPProofBuilder htu(String uri) {
		return claim("htu", uri);
	}

	public DPoPProofBuilder iat(Instant issuedAt) {
		return claim("iat", issuedAt.getEpochSecond());
	}

	/** A fixed {@code jti}: every proof built afterwards has it (for replays). */
	public DPoPProofBuilder jti(String jti) {
		return claim("jti", jti);
	}

	public DPoPProofBuilder nonce(String nonce) {
		return claim("nonce", nonce);
	}

	/** {@code ath}: base64url SHA-256 of the access token (RFC 9449 §4.2). */
	public DPoPProofBuilder ath(String accessToken) {
		return claim("ath", accessTokenHash(accessToken));
	}

	/** Sets any claim, with any JSON value (a {@code null} value is written as JSON null). */
	public DPoPProofBuilder claim(String name, Object value) {
		this.freshJti &= !"jti".equals(name);
		this.currentIat &= !"iat".equals(name);
		this.claims.put(name, value);
		return this;
	}

	public DPoPProofBuilder withoutClaim(String name) {
		this.freshJti &= !"jti".equals(name);
		this.currentIat &= !"iat".equals(name);
		this.claims.remove(name);
		return this;
	}

	/** Sets any header parameter ({@code typ}, {@code alg}, {@code jwk} as a map or anything else). */
	public DPoPProofBuilder header(String name, Object value) {
		this.header.put(name, value);
		return this;
	}

	public DPoPProofBuilder withoutHeader(String name) {
		this.header.remove(name);
		return this;
	}

	/** Signs with {@code signer} (signing input to signature bytes) instead of the key. */
	public DPoPProofBuilder signedWith(UnaryOperator<byte[]> signer) {
		this.signer = signer;
		return this;
	}

	/** Changes the signature bytes after signing, e.g. to flip a bit. */
	public DPoPProofBuilder tamperSignature(UnaryOperator<byte[]> tamper) {
		this.signatureTamper = tamper;
		return this;
	}

	/** The compact serialization: {@code base64url(header).base64url(claims).base64url(signature)}. */
	public String build() {
		Map<String, Object> payload = new LinkedHashMap<>(this.claims);
		if (this.freshJti) {
			byte[] jti = new byte[16];
			RANDOM.nextBytes(jti);
			payload.put("jti", BASE64URL.encodeToString(jti));
		}
		if (this.currentIat) {
			payload.put("iat", Instant.now().getEpochSecond());
		}
		String signingInput = encode(JSONObjectUtils.toJSONString(this.header)) + "."
				+ encode(JSONObjectUtils.toJSONString(payload));
		byte[] signature = this.signatureTamper
			.apply(this.signer.apply(signingInput.getBytes(StandardCharsets.US_ASCII)));
		return signingInput + "." + BASE64URL.encodeToString(signature);
	}

	public static String accessTokenHash(String accessToken) {
		try {
			return BASE64URL.encodeToString(
					MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String json) {
		return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
