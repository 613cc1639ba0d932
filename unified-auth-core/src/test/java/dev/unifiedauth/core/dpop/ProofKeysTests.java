package dev.unifiedauth.core.dpop;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Proof keys against the RFCs' own examples: the Ed25519 JWS of RFC 8037 Appendix A.4 and the thumbprints of
 * RFC 7638 §3.1 and RFC 8037 Appendix A.3.
 */
final class ProofKeysTests {

	private static final Map<String, Object> RFC8037_PUBLIC_KEY = Map.of("kty", "OKP", "crv", "Ed25519", "x",
			"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");

	private static final String RFC8037_JWS = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"
			+ ".hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

	@Test
	void verifyWhenRfc8037Ed25519ExampleThenValid() {
		JWK key = ProofKeys.parse(RFC8037_PUBLIC_KEY, "EdDSA");
		String[] parts = RFC8037_JWS.split("\\.");

		assertThatNoException().isThrownBy(() -> ProofKeys.verify(key, "EdDSA",
				(parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), new Base64URL(parts[2])));
	}

	@Test
	void verifyWhenRfc8037ExampleAlteredThenSignatureError() {
		JWK key = ProofKeys.parse(RFC8037_PUBLIC_KEY, "EdDSA");
		String[] parts = RFC8037_JWS.split("\\.");

		assertThatExceptionOfType(DPoPProofException.class)
			.isThrownBy(() -> ProofKeys.verify(key, "EdDSA",
					(parts[0] + "." + parts[1] + "x").getBytes(StandardCharsets.US_ASCII), new Base64URL(parts[2])))
			.extracting(DPoPProofException::reason)
			.isEqualTo(DPoPProofException.Reason.SIGNATURE);
	}

	@Test
	void thumbprintWhenRfcExampleKeysThenRfcValues() throws Exception {
		JWK rsa = ProofKeys.parse(Map.of("kty", "RSA", "e", "AQAB", "alg", "RS256", "kid", "2011-04-29", "n",
				"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3"
						+ "oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0"
						+ "zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44"
						+ "-csFCur-kEgU8awapJzKnqDKgw"), "RS256");

		assertThat(rsa.computeThumbprint().toString()).isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
		assertThat(ProofKeys.parse(RFC8037_PUBLIC_KEY, "EdDSA").computeThumbprint().toString())
			.isEqualTo("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
	}

	@Test
	void parseWhenEd25519KeyHasWrongLengthThenJwkError() {
		assertThatExceptionOfType(DPoPProofException.class)
			.isThrownBy(() -> ProofKeys.parse(Map.of("kty", "OKP", "crv", "Ed25519", "x", "AAAA"), "EdDSA"))
			.extracting(DPoPProofException::reason)
			.isEqualTo(DPoPProofException.Reason.JWK);
	}

	@Test
	void parseWhenX25519KeyForEdDsaThenAlgError() {
		assertThatExceptionOfType(DPoPProofException.class)
			.isThrownBy(() -> ProofKeys.parse(Map.of("kty", "OKP", "crv", "X25519", "x",
					"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"), "EdDSA"))
			.extracting(DPoPProofException::reason)
			.isEqualTo(DPoPProofException.Reason.ALG);
	}

}
