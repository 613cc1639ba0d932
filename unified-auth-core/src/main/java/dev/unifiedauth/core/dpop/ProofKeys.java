package dev.unifiedauth.core.dpop;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;

import dev.unifiedauth.core.dpop.DPoPProofException.Reason;

/**
 * The proof key: the {@code jwk} header checked to be a public key of the type the {@code alg} needs
 * (RFC 9449 §4.3 (5), (7)), and the signature verified with it (§4.3 (6)). ECDSA and RSA go through Nimbus
 * (which also refuses the all-zero ECDSA signature of CVE-2022-21449); EdDSA through the JDK's own Ed25519
 * {@link Signature}, so that no extra crypto library is needed. Thread-safe (stateless).
 */
final class ProofKeys {

	/** The algorithms a proof may use, each with the only key type it goes with. */
	static final Set<String> SUPPORTED = Set.of("ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384",
			"PS512", "EdDSA");

	/** Private (and symmetric) members of a JWK (RFC 7518 §6.2.2, §6.3.2, §6.4.1; RFC 8037 §2). */
	private static final List<String> PRIVATE_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

	private static final int MIN_RSA_BITS = 2048;

	/** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410 §4), followed by the 32 key bytes. */
	private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

	private ProofKeys() {
	}

	/** The public key the proof names, if it is one that {@code alg} can verify with. */
	static JWK parse(Object jwkHeader, String alg) {
		if (!(jwkHeader instanceof Map<?, ?> members)) {
			throw new DPoPProofException(Reason.JWK, "The jwk header must be a JSON object with a public key");
		}
		for (String member : PRIVATE_MEMBERS) {
			if (members.containsKey(member)) {
				// RFC 9449 §4.3 (7): the jwk must not contain a private key
				throw new DPoPProofException(Reason.JWK, "The jwk header must not contain a private or symmetric key");
			}
		}
		JWK jwk;
		try {
			@SuppressWarnings("unchecked")
			Map<String, Object> json = (Map<String, Object>) members;
			jwk = JWK.parse(json);
		}
		catch (ParseException | RuntimeException ex) {
			throw new DPoPProofException(Reason.JWK, "The jwk header is not a valid public key");
		}
		if (jwk.isPrivate() || KeyType.OCT.equals(jwk.getKeyType())) {
			throw new DPoPProofException(Reason.JWK, "The jwk header must be an asymmetric public key");
		}
		if (jwk instanceof RSAKey rsa && rsa.size() < MIN_RSA_BITS) {
			throw new DPoPProofException(Reason.JWK, "RSA proof keys must have at least 2048 bits");
		}
		if (jwk instanceof OctetKeyPair okp && okp.getX().decode().length != 32) {
			throw new DPoPProofException(Reason.JWK, "The jwk header is not a valid public key");
		}
		if (!fits(jwk, alg)) {
			// RFC 9449 §4.3 (5): the alg must be the one the key is for
			throw new DPoPProofException(Reason.ALG, "The alg does not match the jwk key type");
		}
		return jwk;
	}

	/** Verifies {@code signature} over {@code signingInput} with the key, or throws. */
	static void verify(JWK jwk, String alg, byte[] signingInput, Base64URL signature) {
		boolean valid;
		try {
			valid = (jwk instanceof OctetKeyPair okp) ? verifyEd25519(okp, signingInput, signature.decode())
					: verifier(jwk).verify(new JWSHeader(JWSAlgorithm.parse(alg)), signingInput, signature);
		}
		catch (JOSEException | GeneralSecurityException | RuntimeException ex) {
			valid = false;
		}
		if (!valid) {
			throw new DPoPProofException(Reason.SIGNATURE, "The proof signature does not verify with its jwk");
		}
	}

	private static boolean fits(JWK jwk, String alg) {
		return switch (alg) {
			case "ES256" -> isEc(jwk, Curve.P_256);
			case "ES384" -> isEc(jwk, Curve.P_384);
			case "ES512" -> isEc(jwk, Curve.P_521);
			case "RS256", "RS384", "RS512", "PS256", "PS384", "PS512" -> jwk instanceof RSAKey;
			case "EdDSA" -> jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve());
			default -> false;
		};
	}

	private static boolean isEc(JWK jwk, Curve curve) {
		return jwk instanceof ECKey ec && curve.equals(ec.getCurve());
	}

	private static JWSVerifier verifier(JWK jwk) throws JOSEException {
		if (jwk instanceof ECKey ec) {
			return new ECDSAVerifier(ec);
		}
		return new RSASSAVerifier((RSAKey) jwk);
	}

	private static boolean verifyEd25519(OctetKeyPair key, byte[] signingInput, byte[] signature)
			throws GeneralSecurityException {
		byte[] x = key.getX().decode();
		if (x.length != 32 || signature.length != 64) {
			return false;
		}
		byte[] spki = new byte[ED25519_SPKI_PREFIX.length + x.length];
		System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
		System.arraycopy(x, 0, spki, ED25519_SPKI_PREFIX.length, x.length);
		PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
		Signature verifier = Signature.getInstance("Ed25519");
		verifier.initVerify(publicKey);
		verifier.update(signingInput);
		return verifier.verify(signature);
	}

}
