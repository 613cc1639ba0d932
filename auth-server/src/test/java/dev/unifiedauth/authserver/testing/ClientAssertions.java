package dev.unifiedauth.authserver.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * Builds {@code private_key_jwt} client assertions (RFC 7523 §2.2) for tests, valid by default and tamperable
 * field by field: every claim, the header's {@code alg} and {@code kid}, and signatures that no registered key
 * made ({@code alg: none}, HS256). Signs with the JDK only (Ed25519 too), so that the server's verification is
 * checked against an independent implementation.
 */
public final class ClientAssertions {

	public static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private ClientAssertions() {
	}

	/** An assertion for {@code clientId} signed with {@code key}: iss = sub = client, exp in 60 s, fresh jti. */
	public static Builder assertion(String clientId, String audience, SigningKey key) {
		return new Builder(clientId, audience, key);
	}

	/** A JWK Set document with the public halves of {@code keys}. */
	public static Map<String, Object> jwks(SigningKey... keys) {
		List<Object> members = new ArrayList<>();
		for (SigningKey key : keys) {
			members.add(key.publicJwk().toJSONObject());
		}
		Map<String, Object> jwks = new LinkedHashMap<>();
		jwks.put("keys", members);
		return jwks;
	}

	public static String jwksJson(SigningKey... keys) {
		return JSONObjectUtils.toJSONString(jwks(keys));
	}

	/**
	 * A client's signing key: the public JWK it registers and the private key that signs.
	 *
	 * @param algorithm the JWS algorithm it signs with
	 * @param publicJwk the registered public key
	 * @param privateKey the signing key
	 */
	public record SigningKey(String algorithm, JWK publicJwk, PrivateKey privateKey) {

		public static SigningKey es256(String keyId) {
			KeyPair pair = generate("EC", new ECGenParameterSpec("secp256r1"));
			return new SigningKey("ES256",
					new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic()).keyID(keyId).build(),
					pair.getPrivate());
		}

		public static SigningKey rs256(String keyId) {
			return rsa("RS256", keyId);
		}

		public static SigningKey ps256(String keyId) {
			return rsa("PS256", keyId);
		}

		private static SigningKey rsa(String algorithm, String keyId) {
			KeyPair pair = generate("RSA", null);
			return new SigningKey(algorithm,
					new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyID(keyId).build(), pair.getPrivate());
		}

		public static SigningKey ed25519(String keyId) {
			KeyPair pair = generate("Ed25519", null);
			byte[] spki = pair.getPublic().getEncoded();
			byte[] x = Arrays.copyOfRange(spki, spki.length - 32, spki.length); // RFC 8410 §4
			return new SigningKey("EdDSA",
					new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).keyID(keyId).build(),
					pair.getPrivate());
		}

		/** The public JWK with a private member {@code d} (random bytes) added: what a careless client sends. */
		public Map<String, Object> publicJwkWithPrivateMember() {
			byte[] d = new byte[32];
			new SecureRandom().nextBytes(d);
			Map<String, Object> json = new LinkedHashMap<>(this.publicJwk.toJSONObject());
			json.put("d", BASE64URL.encodeToString(d));
			return json;
		}

		byte[] sign(String algorithm, byte[] input) {
			try {
				switch (algorithm) {
					case "ES256": {
						Signature signature = Signature.getInstance("SHA256withECDSA");
						signature.initSign(this.privateKey);
						signature.update(input);
						return ECDSA.transcodeSignatureToConcat(signature.sign(), 64);
					}
					case "RS256": {
						Signature signature = Signature.getInstance("SHA256withRSA");
						signature.initSign(this.privateKey);
						signature.update(input);
						return signature.sign();
					}
					case "PS256": {
						Signature signature = Signature.getInstance("RSASSA-PSS");
						signature.setParameter(
								new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
						signature.initSign(this.privateKey);
						signature.update(input);
						return signature.sign();
					}
					case "EdDSA": {
						Signature signature = Signature.getInstance("Ed25519");
						signature.initSign(this.privateKey);
						signature.update(input);
						return signature.sign();
					}
					default:
						throw new IllegalArgumentException("Cannot sign with " + algorithm);
				}
			}
			catch (GeneralSecurityException | JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private static KeyPair generate(String algorithm, ECGenParameterSpec spec) {
			try {
				KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
				if (spec != null) {
					generator.initialize(spec);
				}
				else if ("RSA".equals(algorithm)) {
					generator.initialize(2048);
				}
				return generator.generateKeyPair();
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/** A mutable recipe for one assertion. Not thread-safe. */
	public static final class Builder {

		private final SigningKey key;

		private final Map<String, Object> header = new LinkedHashMap<>();

		private final Map<String, Object> claims = new LinkedHashMap<>();

		private String signature;

		private byte[] macSecret;

		Builder(String clientId, String audience, SigningKey key) {
			this.key = key;
			this.header.put("alg", key.algorithm());
			if (key.publicJwk().getKeyID() != null) {
				this.header.put("kid", key.publicJwk().getKeyID());
			}
			Instant now = Instant.now();
			this.claims.put("iss", clientId);
			this.claims.put("sub", clientId);
			this.claims.put("aud", audience);
			this.claims.put("iat", now.getEpochSecond());
			this.claims.put("exp", now.plusSeconds(60).getEpochSecond());
			this.claims.put("jti", UUID.randomUUID().toString());
		}

		public Builder issuer(String issuer) {
			return claim("iss", issuer);
		}

		public Builder subject(String subject) {
			return claim("sub", subject);
		}

		public Builder audience(Object audience) {
			return claim("aud", audience);
		}

		public Builder expiresAt(Instant expiresAt) {
			return claim("exp", (expiresAt != null) ? expiresAt.getEpochSecond() : null);
		}

		public Builder issuedAt(Instant issuedAt) {
			return claim("iat", (issuedAt != null) ? issuedAt.getEpochSecond() : null);
		}

		public Builder notBefore(Instant notBefore) {
			return claim("nbf", (notBefore != null) ? notBefore.getEpochSecond() : null);
		}

		public Builder jti(String jti) {
			return claim("jti", jti);
		}

		/** Sets ({@code value != null}) or removes a claim. */
		public Builder claim(String name, Object value) {
			if (value == null) {
				this.claims.remove(name);
			}
			else {
				this.claims.put(name, value);
			}
			return this;
		}

		/** Sets ({@code value != null}) or removes a header parameter. */
		public Builder header(String name, Object value) {
			if (value == null) {
				this.header.remove(name);
			}
			else {
				this.header.put(name, value);
			}
			return this;
		}

		public Builder keyId(String keyId) {
			return header("kid", keyId);
		}

		/** An unsecured JWT: {@code alg: none} and an empty signature (RFC 7519 §6). */
		public Builder unsigned() {
			this.header.put("alg", "none");
			this.signature = "";
			return this;
		}

		/** An HS256 MAC with {@code secret} instead of a signature. */
		public Builder hs256(String secret) {
			this.header.put("alg", "HS256");
			this.macSecret = secret.getBytes(StandardCharsets.UTF_8);
			return this;
		}

		public String build() {
			String input = encode(this.header) + "." + encode(this.claims);
			if (this.signature != null) {
				return input + "." + this.signature;
			}
			byte[] bytes = input.getBytes(StandardCharsets.US_ASCII);
			byte[] signed = (this.macSecret != null) ? hmac(bytes) : this.key.sign(this.key.algorithm(), bytes);
			return input + "." + BASE64URL.encodeToString(signed);
		}

		private byte[] hmac(byte[] input) {
			try {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(new SecretKeySpec(this.macSecret, "HmacSHA256"));
				return mac.doFinal(input);
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private static String encode(Map<String, Object> json) {
			return BASE64URL.encodeToString(JSONObjectUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8));
		}

	}

}
