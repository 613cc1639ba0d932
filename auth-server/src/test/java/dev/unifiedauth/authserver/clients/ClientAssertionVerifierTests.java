package dev.unifiedauth.authserver.clients;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import dev.unifiedauth.authserver.testing.ClientAssertions;
import dev.unifiedauth.authserver.testing.ClientAssertions.SigningKey;
import dev.unifiedauth.core.replay.ReplayStore;
import dev.unifiedauth.core.replay.ReplayStoreUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ClientAssertionVerifierTests {

	private static final String ISSUER = "https://as.example";

	private static final String TOKEN_ENDPOINT = ISSUER + "/oauth2/token";

	private static final String CLIENT_ID = "agent-under-test";

	private static final SigningKey ES256 = SigningKey.es256("es-1");

	private static final SigningKey RS256 = SigningKey.rs256("rs-1");

	private static final SigningKey PS256 = SigningKey.ps256("ps-1");

	private static final SigningKey ED25519 = SigningKey.ed25519("ed-1");

	private final Instant now = Instant.now();

	private final Clock clock = Clock.fixed(this.now, ZoneOffset.UTC);

	private final LocalReplayStore replays = new LocalReplayStore(this.clock, 1000);

	private final ClientAssertionVerifier verifier = new ClientAssertionVerifier(ISSUER, TOKEN_ENDPOINT, this.replays,
			this.clock);

	private final RegisteredClient client = client(CLIENT_ID, ES256, RS256, PS256, ED25519);

	static RegisteredClient client(String clientId, SigningKey... keys) {
		return RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.clientSettings(
					ClientSettings.builder().setting(ClientSettingNames.JWKS, ClientAssertions.jwksJson(keys)).build())
			.build();
	}

	static Stream<SigningKey> everyAlgorithm() {
		return Stream.of(ES256, RS256, PS256, ED25519);
	}

	ClientAssertions.Builder assertion(SigningKey key) {
		return ClientAssertions.assertion(CLIENT_ID, ISSUER, key);
	}

	void assertInvalidClient(String assertion) {
		assertInvalidClient(assertion, this.client);
	}

	void assertInvalidClient(String assertion, RegisteredClient registeredClient) {
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.verifier.verify(assertion, registeredClient))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_client"));
	}

	@ParameterizedTest
	@MethodSource("everyAlgorithm")
	void verifyWhenSignedByARegisteredKeyThenTheAssertionsClaims(SigningKey key) {
		String assertion = assertion(key).build();

		Jwt jwt = this.verifier.verify(assertion, this.client);

		assertThat(jwt.getTokenValue()).isEqualTo(assertion);
		assertThat(jwt.getSubject()).isEqualTo(CLIENT_ID);
		assertThat(jwt.getExpiresAt()).isNotNull();
		assertThat((String) jwt.getHeaders().get("alg")).isEqualTo(key.algorithm());
		assertThat(this.replays.size()).isEqualTo(1);
	}

	@ParameterizedTest
	@MethodSource("everyAlgorithm")
	void verifyWhenReplayedThenInvalidClient(SigningKey key) {
		// A29 (RFC 7523 §3 item 7; OpenID Connect Core §9; CVE-2020-5300)
		String assertion = assertion(key).build();
		this.verifier.verify(assertion, this.client);

		assertInvalidClient(assertion);
	}

	@Test
	void verifyWhenSameJtiInANewAssertionThenInvalidClient() {
		String jti = UUID.randomUUID().toString();
		this.verifier.verify(assertion(ES256).jti(jti).build(), this.client);

		assertInvalidClient(assertion(ED25519).jti(jti).build());
	}

	@Test
	void verifyWhenAnotherClientUsedTheSameJtiThenAccepted() {
		String jti = UUID.randomUUID().toString();
		RegisteredClient other = client("other-agent", ES256);
		this.verifier.verify(ClientAssertions.assertion("other-agent", ISSUER, ES256).jti(jti).build(), other);

		assertThat(this.verifier.verify(assertion(ES256).jti(jti).build(), this.client)).isNotNull();
	}

	@Test
	void verifyWhenClientIdAndJtiSplitDifferentlyThenNoFalseReplay() {
		RegisteredClient spaced = client("agent one", ES256);
		RegisteredClient plain = client("agent", ES256);
		this.verifier.verify(ClientAssertions.assertion("agent one", ISSUER, ES256).jti("two").build(), spaced);

		assertThat(this.verifier
			.verify(ClientAssertions.assertion("agent", ISSUER, ES256).jti("one two").build(), plain)).isNotNull();
	}

	@Test
	void verifyWhenAssertionInvalidThenItsJtiIsNotRecorded() {
		String jti = UUID.randomUUID().toString();
		assertInvalidClient(assertion(ES256).jti(jti).audience("https://elsewhere.example").build());

		assertThat(this.replays.size()).isZero();
		assertThat(this.verifier.verify(assertion(ES256).jti(jti).build(), this.client)).isNotNull();
	}

	@Test
	void verifyWhenAudienceIsTheTokenEndpointOrAListNamingTheIssuerThenAccepted() {
		assertThat(this.verifier.verify(assertion(ES256).audience(TOKEN_ENDPOINT).build(), this.client)).isNotNull();
		assertThat(this.verifier.verify(assertion(ES256).audience(List.of("https://other.example", ISSUER)).build(),
				this.client))
			.isNotNull();
	}

	@Test
	void verifyWhenAudienceWrongOrMissingThenInvalidClient() {
		// RFC 7523 §3 item 3
		assertInvalidClient(assertion(ES256).audience("https://other.example").build());
		assertInvalidClient(assertion(ES256).audience(ISSUER + "/").build());
		assertInvalidClient(assertion(ES256).audience(ISSUER + "/oauth2/introspect").build());
		assertInvalidClient(assertion(ES256).audience(null).build());
	}

	@Test
	void verifyWhenIssuerOrSubjectIsNotTheClientThenInvalidClient() {
		// RFC 7523 §3 items 1 and 2
		assertInvalidClient(assertion(ES256).issuer("other-agent").build());
		assertInvalidClient(assertion(ES256).subject("other-agent").build());
		assertInvalidClient(assertion(ES256).issuer(null).build());
		assertInvalidClient(assertion(ES256).subject(null).build());
	}

	@Test
	void verifyWhenExpiredBeyondTheSkewThenInvalidClient() {
		// RFC 7523 §3 item 4
		assertInvalidClient(assertion(ES256).issuedAt(this.now.minusSeconds(120))
			.expiresAt(this.now.minus(ClientAssertionVerifier.CLOCK_SKEW).minusSeconds(1))
			.build());
		assertThat(this.verifier.verify(
				assertion(ES256).issuedAt(this.now.minusSeconds(60)).expiresAt(this.now.minusSeconds(10)).build(),
				this.client))
			.isNotNull();
	}

	@Test
	void verifyWhenExpiryNotAfterIssuedAtThenInvalidClient() {
		assertInvalidClient(assertion(ES256).issuedAt(this.now).expiresAt(this.now).build());
		assertInvalidClient(assertion(ES256).issuedAt(this.now).expiresAt(this.now.minusSeconds(5)).build());
	}

	@Test
	void verifyWhenExpiryMissingThenInvalidClient() {
		assertInvalidClient(assertion(ES256).expiresAt(null).build());
	}

	@Test
	void verifyWhenExpiryMoreThanFiveMinutesAheadThenInvalidClient() {
		Instant limit = this.now.plus(ClientAssertionVerifier.MAX_LIFETIME).plus(ClientAssertionVerifier.CLOCK_SKEW);

		assertInvalidClient(assertion(ES256).expiresAt(limit.plusSeconds(1)).build());
		assertInvalidClient(assertion(ES256).expiresAt(this.now.plusSeconds(3600)).build());
		assertThat(this.verifier.verify(assertion(ES256).expiresAt(this.now.plusSeconds(300)).build(), this.client))
			.isNotNull();
	}

	@Test
	void verifyWhenNotBeforeOrIssuedAtInTheFutureThenInvalidClient() {
		// RFC 7523 §3 items 5 and 6
		assertInvalidClient(assertion(ES256).notBefore(this.now.plusSeconds(120)).build());
		assertInvalidClient(assertion(ES256).issuedAt(this.now.plusSeconds(120)).build());
	}

	@Test
	void verifyWhenJtiMissingOrTooLongThenInvalidClient() {
		// OpenID Connect Core §9: jti REQUIRED
		assertInvalidClient(assertion(ES256).jti(null).build());
		assertInvalidClient(assertion(ES256).jti("").build());
		assertInvalidClient(assertion(ES256).jti("j".repeat(ClientAssertionVerifier.MAX_JTI_LENGTH + 1)).build());
	}

	@Test
	void verifyWhenKeyIdUnknownThenInvalidClient() {
		assertInvalidClient(assertion(ES256).keyId("not-registered").build());
	}

	@Test
	void verifyWhenSignedByAnUnregisteredKeyWithARegisteredKidThenInvalidClient() {
		SigningKey impostor = SigningKey.es256(ES256.publicJwk().getKeyID());

		assertInvalidClient(assertion(impostor).build());
	}

	@Test
	void verifyWhenKeyIdNamesAKeyOfAnotherAlgorithmThenInvalidClient() {
		assertInvalidClient(assertion(ES256).keyId(RS256.publicJwk().getKeyID()).build());
	}

	@Test
	void verifyWhenNoKeyIdAndOneKeyFitsThenThatKeyVerifies() {
		RegisteredClient single = client(CLIENT_ID, ED25519);

		assertThat(this.verifier.verify(assertion(ED25519).keyId(null).build(), single)).isNotNull();
	}

	@Test
	void verifyWhenNoKeyIdAndSeveralKeysFitThenInvalidClient() {
		RegisteredClient twoRsaKeys = client(CLIENT_ID, RS256, SigningKey.rs256("rs-2"));

		assertInvalidClient(assertion(RS256).keyId(null).build(), twoRsaKeys);
	}

	@Test
	void verifyWhenAlgorithmNoneThenInvalidClient() {
		// RFC 8725 §3.1
		assertInvalidClient(assertion(ES256).unsigned().build());
	}

	@Test
	void verifyWhenHs256KeyedWithThePublicKeyThenInvalidClient() {
		// RFC 8725 §2.1: key confusion, a MAC keyed with what the attacker knows
		assertInvalidClient(assertion(ES256).hs256(ES256.publicJwk().toJSONString()).build());
		assertInvalidClient(assertion(RS256).hs256(RS256.publicJwk().toJSONString()).build());
	}

	@Test
	void verifyWhenAlgorithmNotAllowedThenInvalidClient() {
		assertInvalidClient(assertion(ES256).header("alg", "ES384").build());
		assertInvalidClient(assertion(RS256).header("alg", "RS512").build());
	}

	@Test
	void verifyWhenSignatureTamperedThenInvalidClient() {
		String assertion = assertion(ED25519).build();
		String[] parts = assertion.split("\\.");
		String otherClaims = assertion(ED25519).subject(CLIENT_ID).jti("other").build().split("\\.")[1];

		assertInvalidClient(parts[0] + "." + otherClaims + "." + parts[2]);
		assertInvalidClient(parts[0] + "." + parts[1] + ".");
	}

	@Test
	void verifyWhenTypeIsAnotherKindOfJwtThenInvalidClient() {
		// RFC 8725 §3.11
		assertInvalidClient(assertion(ES256).header("typ", "dpop+jwt").build());
		assertInvalidClient(assertion(ES256).header("typ", "at+jwt").build());
		assertThat(this.verifier.verify(assertion(ES256).header("typ", "JWT").build(), this.client)).isNotNull();
	}

	@Test
	void verifyWhenCriticalHeaderThenInvalidClient() {
		assertInvalidClient(assertion(ES256).header("crit", List.of("exp-ext")).header("exp-ext", 1).build());
	}

	@Test
	void verifyWhenNotAJwtThenInvalidClient() {
		assertInvalidClient("not-a-jwt");
		assertInvalidClient("a.b.c");
		assertInvalidClient("x".repeat(ClientAssertionVerifier.MAX_ASSERTION_LENGTH + 1));
	}

	@Test
	void verifyWhenClientNotRegisteredForPrivateKeyJwtThenInvalidClient() {
		RegisteredClient secretClient = RegisteredClient.from(this.client)
			.clientAuthenticationMethods((methods) -> {
				methods.clear();
				methods.add(ClientAuthenticationMethod.CLIENT_SECRET_JWT);
			})
			.build();

		assertInvalidClient(assertion(ES256).build(), secretClient);
	}

	@Test
	void verifyWhenClientHasNoKeysThenInvalidClient() {
		RegisteredClient withoutKeys = RegisteredClient.from(this.client)
			.clientSettings(ClientSettings.builder().build())
			.build();

		assertInvalidClient(assertion(ES256).build(), withoutKeys);
	}

	@Test
	void verifyWhenReplayStoreUnavailableThenTheFailureIsNotAnAuthenticationFailure() {
		// fail closed with 503 (StoreUnavailableFilter), never 200 unchecked and never a misleading 401
		ReplayStore down = (namespace, id, expiresAt) -> {
			throw new ReplayStoreUnavailableException("down");
		};
		ClientAssertionVerifier verifier = new ClientAssertionVerifier(ISSUER, TOKEN_ENDPOINT, down, this.clock);

		assertThatExceptionOfType(ReplayStoreUnavailableException.class)
			.isThrownBy(() -> verifier.verify(assertion(ES256).build(), this.client));
	}

	@Test
	void verifyWhenAcceptedThenTheJtiIsRememberedUntilTheAssertionCanNoLongerBeAccepted() {
		Instant expiresAt = this.now.plusSeconds(100).truncatedTo(ChronoUnit.SECONDS);
		Instant[] remembered = new Instant[1];
		ReplayStore recording = (namespace, id, until) -> {
			assertThat(namespace).isEqualTo("client-assertion");
			assertThat(id).isEqualTo(CLIENT_ID + "\n" + "the-jti");
			remembered[0] = until;
			return true;
		};
		new ClientAssertionVerifier(ISSUER, TOKEN_ENDPOINT, recording, this.clock)
			.verify(assertion(ES256).jti("the-jti").expiresAt(expiresAt).build(), this.client);

		assertThat(remembered[0]).isEqualTo(expiresAt.plus(ClientAssertionVerifier.CLOCK_SKEW));
	}

}
