package dev.unifiedauth.authserver.clients;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * A client's public signing keys, registered inline as an RFC 7517 JWK Set (RFC 7591 §2 {@code jwks}) and stored
 * in the client setting {@link ClientSettingNames#JWKS}. Keys are never fetched from a URL ({@code jwks_uri} is
 * not supported: no request to an address a client chose, security-cases G14).
 *
 * <p>Only public asymmetric keys for the {@link #ALGORITHMS} are accepted: EC P-256 (ES256), RSA of at least 2048
 * bits (RS256, PS256) and OKP Ed25519 (EdDSA). A member of a private or symmetric key anywhere in the set refuses
 * the whole set (RFC 7517 §9.2: a JWK Set published by a client is public). Immutable and thread-safe.
 */
public final class ClientJwks {

	/** The JWS algorithms accepted for {@code private_key_jwt} (RFC 7518 §3.1, RFC 8037 §3.1); no MAC, no none. */
	public static final List<String> ALGORITHMS = List.of(JWSAlgorithm.RS256.getName(), JWSAlgorithm.PS256.getName(),
			JWSAlgorithm.ES256.getName(), JWSAlgorithm.EdDSA.getName());

	static final int MAX_KEYS = 10;

	private static final int MIN_RSA_BITS = 2048;

	/** Private and symmetric key members of RFC 7518 §6.2.2, §6.3.2, §6.4 and RFC 8037 §2. */
	private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

	private final List<JWK> keys;

	private ClientJwks(List<JWK> keys) {
		this.keys = List.copyOf(keys);
	}

	/** Parses a stored JWK Set. */
	public static ClientJwks parse(String json) {
		try {
			return parse(JSONObjectUtils.parse(json));
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("jwks is not a JSON object");
		}
	}

	/**
	 * Parses and checks a JWK Set.
	 * @throws IllegalArgumentException naming the first rule the set breaks
	 */
	public static ClientJwks parse(Map<String, Object> jwks) {
		if (!(jwks.get("keys") instanceof List<?> members) || members.isEmpty() || members.size() > MAX_KEYS) {
			throw new IllegalArgumentException("jwks must hold between 1 and " + MAX_KEYS + " keys");
		}
		List<JWK> keys = new ArrayList<>();
		Set<String> keyIds = new HashSet<>();
		for (Object member : members) {
			if (!(member instanceof Map<?, ?> json)) {
				throw new IllegalArgumentException("Every member of jwks.keys must be a JSON object");
			}
			for (Object name : json.keySet()) {
				if (PRIVATE_MEMBERS.contains(name)) {
					// RFC 7517 §9.2, RFC 7591 §2 (jwks holds public keys)
					throw new IllegalArgumentException("jwks must hold public keys only (member " + name + ")");
				}
			}
			if (json.containsKey("x5u")) {
				throw new IllegalArgumentException("x5u is not supported; keys are registered inline");
			}
			JWK key = parseKey(json);
			if (key.getKeyID() != null && !keyIds.add(key.getKeyID())) {
				throw new IllegalArgumentException("Two keys in jwks have the kid " + key.getKeyID());
			}
			keys.add(key);
		}
		if (keys.size() > 1 && keyIds.size() != keys.size()) {
			throw new IllegalArgumentException("Every key needs a kid when jwks holds several");
		}
		return new ClientJwks(keys);
	}

	@SuppressWarnings("unchecked")
	private static JWK parseKey(Map<?, ?> json) {
		JWK key;
		try {
			key = JWK.parse((Map<String, Object>) json);
		}
		catch (ParseException | RuntimeException ex) {
			throw new IllegalArgumentException("A key in jwks is not a valid JWK");
		}
		if (key.isPrivate()) {
			throw new IllegalArgumentException("jwks must hold public keys only");
		}
		if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
			throw new IllegalArgumentException("A key in jwks has a use other than sig");
		}
		if (key.getKeyOperations() != null && !key.getKeyOperations().contains(KeyOperation.VERIFY)) {
			throw new IllegalArgumentException("A key in jwks does not allow verify");
		}
		if (algorithmsFor(key).isEmpty()) {
			throw new IllegalArgumentException("Keys must be EC P-256, RSA of at least " + MIN_RSA_BITS
					+ " bits or OKP Ed25519, for the algorithms " + String.join(", ", ALGORITHMS));
		}
		if (key.getAlgorithm() != null && !algorithmsFor(key).contains(key.getAlgorithm().getName())) {
			throw new IllegalArgumentException("A key in jwks names an algorithm it cannot be used with");
		}
		return key;
	}

	/** The {@link #ALGORITHMS} a key can verify: its own {@code alg} if it names one. */
	static List<String> algorithmsFor(JWK key) {
		List<String> algorithms;
		if (key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
			algorithms = List.of(JWSAlgorithm.ES256.getName());
		}
		else if (key instanceof RSAKey rsa && rsa.size() >= MIN_RSA_BITS) {
			algorithms = List.of(JWSAlgorithm.RS256.getName(), JWSAlgorithm.PS256.getName());
		}
		else if (key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
			algorithms = List.of(JWSAlgorithm.EdDSA.getName());
		}
		else {
			return List.of();
		}
		if (key.getAlgorithm() != null) {
			return algorithms.contains(key.getAlgorithm().getName()) ? List.of(key.getAlgorithm().getName()) : List.of();
		}
		return algorithms;
	}

	/** The keys that can verify a signature made with {@code algorithm}, restricted to {@code keyId} if given. */
	List<JWK> candidates(String algorithm, String keyId) {
		List<JWK> candidates = new ArrayList<>();
		for (JWK key : this.keys) {
			if ((keyId == null || keyId.equals(key.getKeyID())) && algorithmsFor(key).contains(algorithm)) {
				candidates.add(key);
			}
		}
		return candidates;
	}

	public List<JWK> keys() {
		return this.keys;
	}

	/** The JWK Set as a JSON object, public members only. */
	public Map<String, Object> toJSONObject() {
		List<Object> members = new ArrayList<>();
		for (JWK key : this.keys) {
			members.add(key.toPublicJWK().toJSONObject());
		}
		return Map.of("keys", members);
	}

	/** The JWK Set as stored in {@link ClientSettingNames#JWKS}. */
	public String toJson() {
		return JSONObjectUtils.toJSONString(toJSONObject());
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof ClientJwks jwks) && this.keys.equals(jwks.keys);
	}

	@Override
	public int hashCode() {
		return this.keys.hashCode();
	}

}
