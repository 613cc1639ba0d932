package dev.unifiedauth.authserver.clients;

import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.unifiedauth.authserver.testing.ClientAssertions;
import dev.unifiedauth.authserver.testing.ClientAssertions.SigningKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientJwksTests {

	private static final SigningKey ES256 = SigningKey.es256("es");

	private static final SigningKey RS256 = SigningKey.rs256("rs");

	private static final SigningKey ED25519 = SigningKey.ed25519("ed");

	static Map<String, Object> jwks(Object... keys) {
		Map<String, Object> jwks = new LinkedHashMap<>();
		jwks.put("keys", new ArrayList<>(List.of(keys)));
		return jwks;
	}

	static Map<String, Object> with(JWK key, String name, Object value) {
		Map<String, Object> json = new LinkedHashMap<>(key.toJSONObject());
		json.put(name, value);
		return json;
	}

	@Test
	void parseWhenPublicEcRsaAndEd25519KeysThenEveryKeyKeptAndTheSetRoundTrips() {
		ClientJwks parsed = ClientJwks.parse(ClientAssertions.jwks(ES256, RS256, ED25519));

		assertThat(parsed.keys()).containsExactly(ES256.publicJwk(), RS256.publicJwk(), ED25519.publicJwk());
		assertThat(ClientJwks.parse(parsed.toJson()).keys()).isEqualTo(parsed.keys());
		assertThat(ClientJwks.parse(parsed.toJSONObject()).toJSONObject()).isEqualTo(parsed.toJSONObject());
	}

	@Test
	void parseWhenAKeyHasAPrivateMemberThenRefused() {
		// RFC 7517 §9.2; security-cases G14 neighbour: a client must never send its private key
		for (SigningKey key : List.of(ES256, RS256, ED25519)) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> ClientJwks.parse(jwks(key.publicJwkWithPrivateMember())))
				.withMessageContaining("public keys only");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "p", "q", "dp", "dq", "qi", "oth" })
	void parseWhenAnRsaKeyHasAPrivateMemberThenRefused(String member) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClientJwks.parse(jwks(with(RS256.publicJwk(), member, "AQAB"))));
	}

	@Test
	void parseWhenSymmetricKeyThenRefused() {
		Map<String, Object> oct = Map.of("kty", "oct", "k", Base64URL.encode(new byte[32]).toString(), "kid", "s");

		assertThatIllegalArgumentException().isThrownBy(() -> ClientJwks.parse(jwks(oct)));
	}

	@Test
	void parseWhenRsaKeyShorterThan2048BitsThenRefused() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(1024);
		RSAKey small = new RSAKey.Builder((RSAPublicKey) generator.generateKeyPair().getPublic()).build();

		assertThatIllegalArgumentException().isThrownBy(() -> ClientJwks.parse(jwks(small.toJSONObject())));
	}

	@Test
	void parseWhenCurveNotP256OrEd25519ThenRefused() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp384r1"));
		ECKey p384 = new ECKey.Builder(Curve.P_384, (ECPublicKey) generator.generateKeyPair().getPublic()).build();
		Map<String, Object> x25519 = new LinkedHashMap<>(ED25519.publicJwk().toJSONObject());
		x25519.put("crv", "X25519");

		assertThatIllegalArgumentException().isThrownBy(() -> ClientJwks.parse(jwks(p384.toJSONObject())));
		assertThatIllegalArgumentException().isThrownBy(() -> ClientJwks.parse(jwks(x25519)));
	}

	@Test
	void parseWhenKeyIsForEncryptionOrAnotherAlgorithmThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClientJwks.parse(jwks(with(ES256.publicJwk(), "use", "enc"))));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClientJwks.parse(jwks(with(ES256.publicJwk(), "alg", "RS256"))));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClientJwks.parse(jwks(with(RS256.publicJwk(), "alg", "HS256"))));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClientJwks.parse(jwks(with(ES256.publicJwk(), "key_ops", List.of("encrypt")))));
	}

	@Test
	void parseWhenX5uThenRefused() {
		// never fetch an address a client chose (security-cases G14)
		assertThatIllegalArgumentException().isThrownBy(
				() -> ClientJwks.parse(jwks(with(ES256.publicJwk(), "x5u", "http://169.254.169.254/keys"))));
	}

	@Test
	void parseWhenNoKeysTooManyKeysOrNoKeysMemberThenRefused() {
		List<Object> eleven = new ArrayList<>();
		for (int i = 0; i <= ClientJwks.MAX_KEYS; i++) {
			eleven.add(SigningKey.ed25519("k" + i).publicJwk().toJSONObject());
		}

		assertThatIllegalArgumentException().isThrownBy(() -> ClientJwks.parse(jwks()));
		assertThatIllegalArgumentException().isThrownBy(() -> ClientJwks.parse(jwks(eleven.toArray())));
		assertThatIllegalArgumentException().isThrownBy(() -> ClientJwks.parse(Map.of("key", List.of())));
		assertThatIllegalArgumentException().isThrownBy(() -> ClientJwks.parse(jwks("not-an-object")));
		assertThatIllegalArgumentException().isThrownBy(() -> ClientJwks.parse("[1]"));
	}

	@Test
	void parseWhenKeyIdsRepeatedOrMissingAmongSeveralKeysThenRefused() {
		SigningKey sameKid = SigningKey.es256(ES256.publicJwk().getKeyID());
		SigningKey noKid = SigningKey.ed25519(null);

		assertThatIllegalArgumentException().isThrownBy(() -> ClientJwks.parse(ClientAssertions.jwks(ES256, sameKid)));
		assertThatIllegalArgumentException().isThrownBy(() -> ClientJwks.parse(ClientAssertions.jwks(ES256, noKid)));
		assertThat(ClientJwks.parse(ClientAssertions.jwks(noKid)).keys()).hasSize(1);
	}

	@Test
	void parseWhenNotAJwkThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClientJwks.parse(jwks(Map.of("kty", "EC", "crv", "P-256", "x", "AAAA", "y", "AAAA"))));
		assertThatIllegalArgumentException().isThrownBy(() -> ClientJwks.parse(jwks(Map.of("kty", "nope"))));
	}

	@Test
	void candidatesWhenAlgorithmAndKeyIdGivenThenOnlyMatchingKeys() {
		ClientJwks jwks = ClientJwks.parse(ClientAssertions.jwks(ES256, RS256, ED25519));

		assertThat(jwks.candidates("ES256", null)).containsExactly(ES256.publicJwk());
		assertThat(jwks.candidates("PS256", "rs")).containsExactly(RS256.publicJwk());
		assertThat(jwks.candidates("EdDSA", "es")).isEmpty();
		assertThat(jwks.candidates("HS256", null)).isEmpty();
	}

}
