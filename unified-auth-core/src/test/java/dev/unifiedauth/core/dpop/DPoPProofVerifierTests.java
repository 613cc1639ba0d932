package dev.unifiedauth.core.dpop;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.Curve;
import dev.unifiedauth.core.dpop.DPoPProofException.Reason;
import dev.unifiedauth.core.replay.EmbeddedReplayStore;
import dev.unifiedauth.core.replay.ReplayStoreUnavailableException;
import dev.unifiedauth.core.testing.DPoPProofBuilder;
import dev.unifiedauth.core.testing.MutableClock;
import dev.unifiedauth.core.testing.ProofKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every check of RFC 9449 §4.3 (numbers in brackets), as a table of tampered proofs (security-cases C01-C13, C16,
 * C26) each asserting the exact reason, and the proofs that must be accepted (C10, C11, C13, every algorithm).
 */
final class DPoPProofVerifierTests {

	static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

	static final String TOKEN_URI = "https://as.example.com/oauth2/token";

	static final DPoPRequest TOKEN_REQUEST = DPoPRequest.of("POST", TOKEN_URI);

	static final String ACCESS_TOKEN = "eyJ0eXAiOiJhdCtqd3QifQ.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";

	static final byte[] NONCE_SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	static final ProofKey ES256 = ProofKey.es256();

	static final ProofKey RS256 = ProofKey.rs256();

	static final ProofKey PS256 = ProofKey.ps256();

	static final ProofKey ED25519 = ProofKey.ed25519();

	static final ProofKey OTHER_ES256 = ProofKey.es256();

	private final MutableClock clock = new MutableClock(NOW);

	private DPoPNonces nonces;

	private DPoPProofVerifier verifier;

	@BeforeEach
	void createVerifier() {
		this.nonces = new DPoPNonces(NONCE_SECRET, Duration.ofMinutes(5), this.clock);
		this.verifier = DPoPProofVerifier.builder(new EmbeddedReplayStore(1000, this.clock), this.clock)
			.nonces(this.nonces)
			.build();
	}

	static DPoPProofBuilder proof(ProofKey key) {
		return DPoPProofBuilder.with(key).htm("POST").htu(TOKEN_URI).iat(NOW);
	}

	static DPoPProofBuilder proof() {
		return proof(ES256);
	}

	static Stream<Arguments> tamperedProofs() {
		DPoPRequest withAccessToken = TOKEN_REQUEST.withAccessToken(ACCESS_TOKEN);
		DPoPRequest nonceRequired = TOKEN_REQUEST.withNonceRequired(true);
		return Stream.of(
				// C01-C02, (2): not a JWS
				tampered("empty string", () -> "", Reason.MALFORMED),
				tampered("DPoP: invalid", () -> "invalid", Reason.MALFORMED),
				tampered("two parts", () -> dropSignature(proof().build()), Reason.MALFORMED),
				tampered("JWE (five parts)", () -> "eyJhbGciOiJSU0EtT0FFUCJ9.a2V5.aXY.Y2lwaGVy.dGFn", Reason.MALFORMED),
				tampered("base64 padding", () -> proof().build() + "==", Reason.MALFORMED),
				tampered("base64 alphabet + /", () -> proof().build().replace('-', '+').replace('_', '/') + "+/",
						Reason.MALFORMED),
				tampered("stray bits in the last character", () -> strayBits(proof().build()), Reason.MALFORMED),
				tampered("header not JSON", () -> segment("not json") + ".e30.c2ln", Reason.MALFORMED),
				tampered("claims a JSON array", () -> replaceClaims(proof().build(), "[1,2]"), Reason.MALFORMED),
				tampered("claims not UTF-8", () -> replaceClaims(proof().build(), new byte[] { '{', (byte) 0xC3, '}' }),
						Reason.MALFORMED),
				tampered("unknown crit header", () -> proof().header("crit", List.of("x")).header("x", 1).build(),
						Reason.MALFORMED),
				// C04, (4): typ
				tampered("typ absent", () -> proof().withoutHeader("typ").build(), Reason.TYP),
				tampered("typ JWT", () -> proof().header("typ", "JWT").build(), Reason.TYP),
				tampered("typ dpop+jwt+x", () -> proof().header("typ", "dpop+jwt+x").build(), Reason.TYP),
				tampered("typ at+jwt", () -> proof().header("typ", "at+jwt").build(), Reason.TYP),
				// C05, (5): alg
				tampered("alg none", () -> proof().header("alg", "none").build(), Reason.ALG),
				tampered("alg HS256 with an oct jwk", () -> proof().header("alg", "HS256")
					.header("jwk", Map.of("kty", "oct", "k", "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0"))
					.signedWith(DPoPProofVerifierTests::hmacSha256)
					.build(), Reason.ALG),
				tampered("alg RS256 over an EC jwk", () -> proof().header("alg", "RS256").build(), Reason.ALG),
				tampered("alg ES256 over an RSA jwk", () -> proof(RS256).header("alg", "ES256").build(), Reason.ALG),
				tampered("alg ES256 over a P-384 jwk", () -> proof(ProofKey.ec(Curve.P_384, "ES384")).header("alg", "ES256")
					.build(), Reason.ALG),
				tampered("alg missing", () -> proof().withoutHeader("alg").build(), Reason.ALG),
				tampered("alg ES384 (supported, not allowed)", () -> proof(ProofKey.ec(Curve.P_384, "ES384")).build(),
						Reason.ALG),
				// C06, (6): signature
				tampered("one signature bit flipped", () -> proof().tamperSignature(flipBit(200)).build(),
						Reason.SIGNATURE),
				tampered("ES256 r=s=0 (CVE-2022-21449)", () -> proof().signedWith((input) -> new byte[64]).build(),
						Reason.SIGNATURE),
				tampered("signed by another key", () -> proof().signedWith(OTHER_ES256::sign).build(),
						Reason.SIGNATURE),
				tampered("RS256 signature bit flipped", () -> proof(RS256).tamperSignature(flipBit(7)).build(),
						Reason.SIGNATURE),
				tampered("EdDSA signature bit flipped", () -> proof(ED25519).tamperSignature(flipBit(100)).build(),
						Reason.SIGNATURE),
				tampered("claims changed after signing", () -> replaceClaims(proof().build(),
						"{\"jti\":\"x\",\"htm\":\"POST\",\"htu\":\"" + TOKEN_URI + "\",\"iat\":" + NOW.getEpochSecond() + "}"),
						Reason.SIGNATURE),
				// C07, (7): jwk
				tampered("jwk with d", () -> proof().header("jwk", ES256.privateKey().toJSONObject()).build(), Reason.JWK),
				tampered("RSA jwk with private members", () -> proof(RS256).header("jwk", RS256.privateKey().toJSONObject())
					.build(), Reason.JWK),
				tampered("jwk missing", () -> proof().withoutHeader("jwk").build(), Reason.JWK),
				tampered("jwk a string", () -> proof().header("jwk", ES256.publicKey().toJSONString()).build(), Reason.JWK),
				tampered("jwk kty oct", () -> proof().header("jwk", Map.of("kty", "oct", "k", "c2VjcmV0")).build(),
						Reason.JWK),
				tampered("jwk EC point not on the curve", () -> proof().header("jwk", offCurve()).build(), Reason.JWK),
				tampered("jwk RSA 1024 bits", () -> proof(ProofKey.rsa(1024, "RS256")).build(), Reason.JWK),
				// C03, (3): required claims
				tampered("jti missing", () -> proof().withoutClaim("jti").build(), Reason.JTI),
				tampered("jti empty", () -> proof().jti("").build(), Reason.JTI),
				tampered("jti a number", () -> proof().claim("jti", 42).build(), Reason.JTI),
				tampered("htm missing", () -> proof().withoutClaim("htm").build(), Reason.HTM),
				tampered("htu missing", () -> proof().withoutClaim("htu").build(), Reason.HTU),
				tampered("iat missing", () -> proof().withoutClaim("iat").build(), Reason.IAT),
				tampered("iat a string", () -> proof().claim("iat", String.valueOf(NOW.getEpochSecond())).build(),
						Reason.IAT),
				tampered("iat 1e308", () -> proof().claim("iat", 1e308).build(), Reason.IAT),
				// C08, (8): htm
				tampered("htm PUT on a POST", () -> proof().htm("PUT").build(), Reason.HTM),
				tampered("htm lower-case post", () -> proof().htm("post").build(), Reason.HTM),
				// C09, (9): htu
				tampered("htu other path", () -> proof().htu("https://as.example.com/oauth2/introspect").build(),
						Reason.HTU),
				tampered("htu other path case", () -> proof().htu("https://as.example.com/OAuth2/token").build(),
						Reason.HTU),
				tampered("htu other host", () -> proof().htu("https://rs.example.com/oauth2/token").build(), Reason.HTU),
				tampered("htu other port", () -> proof().htu("https://as.example.com:8443/oauth2/token").build(),
						Reason.HTU),
				tampered("htu other scheme", () -> proof().htu("http://as.example.com/oauth2/token").build(), Reason.HTU),
				tampered("htu with user info", () -> proof().htu("https://user@as.example.com/oauth2/token").build(),
						Reason.HTU),
				tampered("htu relative", () -> proof().htu("/oauth2/token").build(), Reason.HTU),
				// C13, (11): iat window (pinned ±60 s)
				tampered("iat now-1h", () -> proof().iat(NOW.minus(Duration.ofHours(1))).build(), Reason.IAT),
				tampered("iat now+1h", () -> proof().iat(NOW.plus(Duration.ofHours(1))).build(), Reason.IAT),
				tampered("iat now-61s", () -> proof().iat(NOW.minusSeconds(61)).build(), Reason.IAT),
				tampered("iat now+61s", () -> proof().iat(NOW.plusSeconds(61)).build(), Reason.IAT),
				// C26, (10), §8: nonce
				tampered("nonce missing where required", () -> proof().build(), nonceRequired, Reason.NONCE_REQUIRED),
				tampered("nonce wrong", () -> proof().nonce("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").build(), nonceRequired,
						Reason.NONCE_INVALID),
				tampered("nonce not a string", () -> proof().claim("nonce", 12).build(), nonceRequired,
						Reason.NONCE_INVALID),
				tampered("nonce expired", () -> proof().nonce(nonceIssuedAt(NOW.minus(Duration.ofMinutes(6)))).build(),
						nonceRequired, Reason.NONCE_INVALID),
				tampered("nonce from the future", () -> proof().nonce(nonceIssuedAt(NOW.plusSeconds(30))).build(),
						nonceRequired, Reason.NONCE_INVALID),
				tampered("nonce of another server", () -> proof().nonce(new DPoPNonces(new byte[32], Duration.ofMinutes(5),
						Clock.fixed(NOW, ZoneOffset.UTC)).issue()).build(), nonceRequired, Reason.NONCE_INVALID),
				tampered("nonce wrong where not required", () -> proof().nonce("stale").build(), Reason.NONCE_INVALID),
				// C16, (12): ath at a resource server
				tampered("ath wrong", () -> proof().ath("another-token").build(), withAccessToken, Reason.ATH),
				tampered("ath missing", () -> proof().build(), withAccessToken, Reason.ATH),
				tampered("ath not base64url", () -> proof().claim("ath", "a+b/c=").build(), withAccessToken, Reason.ATH));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("tamperedProofs")
	void verifyWhenProofTamperedThenRejectedWithTheCheckThatFailed(String name, Supplier<String> proof,
			DPoPRequest request, Reason reason) {
		String compact = proof.get();

		assertThatExceptionOfType(DPoPProofException.class).isThrownBy(() -> this.verifier.verify(compact, request))
			.satisfies((ex) -> {
				assertThat(ex.reason()).isEqualTo(reason);
				assertThat(ex.isNonceError()).isEqualTo(reason == Reason.NONCE_REQUIRED || reason == Reason.NONCE_INVALID);
				assertThat(ex.getMessage()).matches("[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]{1,120}");
				for (String segment : compact.split("\\.")) {
					if (segment.length() >= 8) {
						assertThat(ex.getMessage()).as("description echoes the proof").doesNotContain(segment);
					}
				}
			});
	}

	static Stream<Arguments> acceptedProofs() {
		return Stream.of(accepted("ES256", () -> proof(ES256).build()), accepted("PS256", () -> proof(PS256).build()),
				accepted("RS256", () -> proof(RS256).build()), accepted("EdDSA (Ed25519)", () -> proof(ED25519).build()),
				// C10: query and fragment are ignored
				accepted("htu with ?q#f", () -> proof().htu(TOKEN_URI + "?q=1#f").build()),
				// C11: scheme-based and syntax-based normalization (RFC 3986 §6.2.2, §6.2.3)
				accepted("htu upper-case scheme and host", () -> proof().htu("HTTPS://AS.Example.COM/oauth2/token").build()),
				accepted("htu explicit default port", () -> proof().htu("https://as.example.com:443/oauth2/token").build()),
				accepted("htu percent-encoded unreserved", () -> proof().htu("https://as.example.com/oauth2/%74oken").build()),
				// C13: inside the window
				accepted("iat now-10s", () -> proof().iat(NOW.minusSeconds(10)).build()),
				accepted("iat now+10s", () -> proof().iat(NOW.plusSeconds(10)).build()),
				accepted("iat now-60s", () -> proof().iat(NOW.minusSeconds(60)).build()),
				accepted("iat now+60s", () -> proof().iat(NOW.plusSeconds(60)).build()),
				accepted("iat with a fraction", () -> proof().claim("iat", NOW.getEpochSecond() + 0.5).build()),
				// C22: extra header parameters and claims are ignored
				accepted("extra header and claims", () -> proof().header("kid", "k1").claim("extra", "x").build()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("acceptedProofs")
	void verifyWhenProofValidThenReturnsItsKeyThumbprintAndClaims(String name, Supplier<String> proof) {
		String compact = proof.get();

		DPoPProof verified = this.verifier.verify(compact, TOKEN_REQUEST);

		Map<String, Object> claims = claimsOf(compact);
		assertThat(verified.jti()).isEqualTo(claims.get("jti"));
		assertThat(verified.issuedAt().getEpochSecond()).isEqualTo(((Number) claims.get("iat")).longValue());
		assertThat(verified.publicKey().isPrivate()).isFalse();
		assertThat(verified.jkt()).isEqualTo(thumbprintOf(compact)).hasSize(43);
	}

	@Test
	void verifyWhenKeyKnownThenJktIsItsRfc7638Thumbprint() {
		for (ProofKey key : List.of(ES256, RS256, PS256, ED25519)) {
			assertThat(this.verifier.verify(proof(key).build(), TOKEN_REQUEST).jkt()).isEqualTo(key.thumbprint());
		}
	}

	@Test
	void verifyWhenSameProofSentTwiceThenSecondIsReplay() {
		// C12, RFC 9449 §11.1
		String compact = proof().build();
		this.verifier.verify(compact, TOKEN_REQUEST);

		assertThatExceptionOfType(DPoPProofException.class).isThrownBy(() -> this.verifier.verify(compact, TOKEN_REQUEST))
			.extracting(DPoPProofException::reason)
			.isEqualTo(Reason.JTI_REPLAY);
	}

	@Test
	void verifyWhenSameJtiWithNewIatThenStillReplay() {
		this.verifier.verify(proof().jti("fixed").build(), TOKEN_REQUEST);
		this.clock.advance(Duration.ofSeconds(30));

		assertThatExceptionOfType(DPoPProofException.class)
			.isThrownBy(() -> this.verifier.verify(proof().jti("fixed").iat(NOW.plusSeconds(30)).build(), TOKEN_REQUEST))
			.extracting(DPoPProofException::reason)
			.isEqualTo(Reason.JTI_REPLAY);
	}

	@Test
	void verifyWhenAnotherKeyUsesTheSameJtiThenAccepted() {
		this.verifier.verify(proof(ES256).jti("shared").build(), TOKEN_REQUEST);

		assertThat(this.verifier.verify(proof(OTHER_ES256).jti("shared").build(), TOKEN_REQUEST).jti()).isEqualTo("shared");
	}

	@Test
	void verifyWhenProofFailsACheckThenItsJtiIsNotUsedUp() {
		assertThatExceptionOfType(DPoPProofException.class)
			.isThrownBy(() -> this.verifier.verify(proof().jti("j1").htm("PUT").build(), TOKEN_REQUEST));
		assertThatExceptionOfType(DPoPProofException.class)
			.isThrownBy(() -> this.verifier.verify(proof().jti("j1").tamperSignature(flipBit(3)).build(), TOKEN_REQUEST));

		assertThat(this.verifier.verify(proof().jti("j1").build(), TOKEN_REQUEST).jti()).isEqualTo("j1");
	}

	@Test
	void verifyWhenReplayedAfterTheWindowThenRejectedByIatNotForgotten() {
		String compact = proof().build();
		this.verifier.verify(compact, TOKEN_REQUEST);
		this.clock.advance(Duration.ofSeconds(60));
		assertThatExceptionOfType(DPoPProofException.class).isThrownBy(() -> this.verifier.verify(compact, TOKEN_REQUEST))
			.extracting(DPoPProofException::reason)
			.isEqualTo(Reason.JTI_REPLAY);
		this.clock.advance(Duration.ofSeconds(1));

		assertThatExceptionOfType(DPoPProofException.class).isThrownBy(() -> this.verifier.verify(compact, TOKEN_REQUEST))
			.extracting(DPoPProofException::reason)
			.isEqualTo(Reason.IAT);
	}

	@Test
	void verifyWhenNonceValidThenAccepted() {
		String nonce = this.nonces.issue();
		this.clock.advance(Duration.ofMinutes(4));

		DPoPProof verified = this.verifier.verify(proof().iat(this.clock.instant()).nonce(nonce).build(),
				TOKEN_REQUEST.withNonceRequired(true));

		assertThat(verified.jkt()).isEqualTo(ES256.thumbprint());
	}

	@Test
	void verifyWhenAthIsTheAccessTokenHashThenAccepted() {
		// RFC 9449 §4.3 (12)
		DPoPProof verified = this.verifier.verify(proof().ath(ACCESS_TOKEN).build(),
				TOKEN_REQUEST.withAccessToken(ACCESS_TOKEN));

		assertThat(verified.jkt()).isEqualTo(ES256.thumbprint());
	}

	@Test
	void verifyWhenReplayStoreFullThenUnavailableNotAccepted() {
		DPoPProofVerifier small = DPoPProofVerifier.builder(new EmbeddedReplayStore(1, this.clock), this.clock).build();
		small.verify(proof().build(), TOKEN_REQUEST);

		assertThatExceptionOfType(ReplayStoreUnavailableException.class)
			.isThrownBy(() -> small.verify(proof().build(), TOKEN_REQUEST));
	}

	@Test
	void verifyWhenAllowListNarrowedThenOtherAlgorithmsRejected() {
		DPoPProofVerifier es256Only = DPoPProofVerifier.builder(new EmbeddedReplayStore(10, this.clock), this.clock)
			.algorithms(List.of("ES256"))
			.build();

		assertThat(es256Only.algorithms()).containsExactly("ES256");
		assertThatExceptionOfType(DPoPProofException.class)
			.isThrownBy(() -> es256Only.verify(proof(RS256).build(), TOKEN_REQUEST))
			.extracting(DPoPProofException::reason)
			.isEqualTo(Reason.ALG);
	}

	@Test
	void builderWhenAlgorithmSymmetricOrUnknownThenRefused() {
		DPoPProofVerifier.Builder builder = DPoPProofVerifier.builder(new EmbeddedReplayStore(10, this.clock), this.clock);

		for (List<String> algorithms : List.of(List.of("HS256"), List.of("none"), List.of("ES256", "ES256K"), List.<String>of())) {
			assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> builder.algorithms(algorithms));
		}
	}

	@Test
	void verifyWhenIatWindowConfiguredThenApplied() {
		DPoPProofVerifier strict = DPoPProofVerifier.builder(new EmbeddedReplayStore(10, this.clock), this.clock)
			.iatWindow(Duration.ofSeconds(5))
			.build();

		assertThat(strict.verify(proof().iat(NOW.minusSeconds(5)).build(), TOKEN_REQUEST)).isNotNull();
		assertThatExceptionOfType(DPoPProofException.class)
			.isThrownBy(() -> strict.verify(proof().iat(NOW.minusSeconds(6)).build(), TOKEN_REQUEST))
			.extracting(DPoPProofException::reason)
			.isEqualTo(Reason.IAT);
	}

	@Test
	void verifyWhenTheSameProofRacesOnManyThreadsThenExactlyOneAccepted() throws Exception {
		String compact = proof().build();
		ExecutorService threads = Executors.newFixedThreadPool(4);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Boolean>> attempts = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				attempts.add(threads.submit(() -> {
					start.await();
					try {
						this.verifier.verify(compact, TOKEN_REQUEST);
						return true;
					}
					catch (DPoPProofException ex) {
						return false;
					}
				}));
			}
			start.countDown();
			int accepted = 0;
			for (Future<Boolean> attempt : attempts) {
				accepted += attempt.get() ? 1 : 0;
			}
			assertThat(accepted).isEqualTo(1);
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static Arguments tampered(String name, Supplier<String> proof, Reason reason) {
		return tampered(name, proof, TOKEN_REQUEST, reason);
	}

	private static Arguments tampered(String name, Supplier<String> proof, DPoPRequest request, Reason reason) {
		return arguments(name, proof, request, reason);
	}

	private static Arguments accepted(String name, Supplier<String> proof) {
		return arguments(name, proof);
	}

	private static UnaryOperator<byte[]> flipBit(int bit) {
		return (signature) -> {
			byte[] flipped = signature.clone();
			flipped[bit / 8 % flipped.length] ^= (byte) (1 << (bit % 8));
			return flipped;
		};
	}

	private static String dropSignature(String proof) {
		return proof.substring(0, proof.lastIndexOf('.'));
	}

	/** The same signature with a different (non-canonical) last character: the unused low bits set. */
	private static String strayBits(String proof) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		char last = proof.charAt(proof.length() - 1);
		int value = alphabet.indexOf(last);
		return proof.substring(0, proof.length() - 1) + alphabet.charAt(value | 1);
	}

	private static String segment(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String replaceClaims(String proof, String json) {
		return replaceClaims(proof, json.getBytes(StandardCharsets.UTF_8));
	}

	private static String replaceClaims(String proof, byte[] claims) {
		String[] parts = proof.split("\\.");
		return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims) + "." + parts[2];
	}

	private static Map<String, Object> offCurve() {
		Map<String, Object> jwk = new LinkedHashMap<>(ES256.publicKey().toJSONObject());
		jwk.put("y", jwk.get("x"));
		return jwk;
	}

	private static String nonceIssuedAt(Instant issuedAt) {
		return new DPoPNonces(NONCE_SECRET, Duration.ofMinutes(5), Clock.fixed(issuedAt, ZoneOffset.UTC)).issue();
	}

	private static byte[] hmacSha256(byte[] input) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec("secret-secret-secret-secret".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
			return mac.doFinal(input);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Object> claimsOf(String proof) {
		try {
			return JWSObject.parse(proof).getPayload().toJSONObject();
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	private static String thumbprintOf(String proof) {
		try {
			return JWSObject.parse(proof).getHeader().getJWK().computeThumbprint().toString();
		}
		catch (ParseException | JOSEException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}
