package dev.unifiedauth.authserver.keys;

import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.unifiedauth.authserver.storage.DbTime;
import dev.unifiedauth.core.testing.MutableClock;
import dev.unifiedauth.authserver.testing.OnEveryDatabase;
import dev.unifiedauth.authserver.testing.TestDatabase;
import dev.unifiedauth.core.audit.AuditEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link SigningKeys} on each supported database: a "restart" is a new instance on the same database.
 */
@OnEveryDatabase
class SigningKeysTests {

	private static final Duration ROTATION_PERIOD = Duration.ofDays(30);

	private static final Duration RETENTION = Duration.ofMinutes(35);

	private final TestDatabase database;

	private final MutableClock clock = new MutableClock();

	private final List<AuditEvent> audited = new CopyOnWriteArrayList<>();

	private final String keyEncryptionKey = randomKey();

	SigningKeysTests(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void freshlyMigratedDatabase() {
		this.database.reset();
	}

	@Test
	void constructWhenDatabaseIsEmptyThenGeneratesOneActiveKeyAndPublishesOnlyItsPublicHalf() throws Exception {
		SigningKeys keys = start(this.keyEncryptionKey);

		List<StoredSigningKey> rows = rows();
		assertThat(rows).singleElement().satisfies((row) -> {
			assertThat(row.kid()).isEqualTo(keys.activeKeyId());
			assertThat(row.algorithm()).isEqualTo("ES256");
			assertThat(row.createdAt()).isEqualTo(MutableClock.START);
			assertThat(row.retiredAt()).isNull();
		});
		assertThat(all(keys.publishedKeys())).singleElement().satisfies((jwk) -> {
			assertThat(jwk.getKeyID()).isEqualTo(keys.activeKeyId());
			assertThat(jwk.isPrivate()).isFalse();
		});
	}

	@Test
	void constructWhenRestartedWithTheSameKeyEncryptionKeyThenReusesTheStoredKey() throws Exception {
		SigningKeys before = start(this.keyEncryptionKey);
		String signedBefore = sign(before);

		SigningKeys after = start(this.keyEncryptionKey);

		assertThat(after.activeKeyId()).isEqualTo(before.activeKeyId());
		assertThat(rows()).hasSize(1);
		assertThat(verify(signedBefore, after.publishedKeys())).isTrue();
		assertThat(verify(sign(after), before.publishedKeys())).as("the same private key signs after the restart")
			.isTrue();
	}

	@Test
	void constructWhenKeyEncryptionKeyDiffersThenFailsSayingSo() {
		String kid = start(this.keyEncryptionKey).activeKeyId();

		assertThatThrownBy(() -> start(randomKey())).isInstanceOf(IllegalStateException.class)
			.hasMessage("Cannot open signing key " + kid
					+ ": the key-encryption key differs from the one that sealed it");
	}

	@Test
	void constructWhenKeyStoredThenDatabaseHoldsOnlyTheSealedPrivateKey() throws Exception {
		SigningKeys keys = start(this.keyEncryptionKey);
		ECKey privateKey = (ECKey) all(keys.activeSigningKey()).get(0);
		StoredSigningKey row = rows().get(0);

		assertThat(privateKey.isPrivate()).isTrue();
		assertThat(row.sealedPrivateJwk()).startsWith("v1.")
			.doesNotContain(privateKey.getD().toString())
			.doesNotContain("\"d\"");
		assertThatExceptionOfType(ParseException.class).isThrownBy(() -> JWK.parse(row.sealedPrivateJwk()));
		assertThat(JWK.parse(row.publicJwk()).isPrivate()).isFalse();
	}

	@Test
	void rotateWhenKeyRotatedThenTheFirstKeyAndTheRotationAreAuditedByKid() {
		SigningKeys keys = start(this.keyEncryptionKey);
		String first = keys.activeKeyId();

		String second = keys.rotate();

		assertThat(this.audited).extracting(AuditEvent::type).containsExactly("key.generated", "key.rotated");
		assertThat(this.audited.get(0).details()).containsEntry("kid", first).doesNotContainKey("previous_kid");
		assertThat(this.audited.get(1).details()).containsEntry("kid", second).containsEntry("previous_kid", first)
			.containsEntry("algorithm", "ES256");
		assertThat(this.audited.get(1).decision()).isEqualTo("rotated");
	}

	@Test
	void rotateWhenKeyRotatedThenOldKeyStaysPublishedUntilRetention() throws Exception {
		SigningKeys keys = start(this.keyEncryptionKey);
		String oldKid = keys.activeKeyId();
		String signedWithOld = sign(keys);
		this.clock.advance(Duration.ofHours(1));
		Instant rotatedAt = this.clock.instant();

		String newKid = keys.rotate();

		assertThat(newKid).isNotEqualTo(oldKid).isEqualTo(keys.activeKeyId());
		assertThat(all(keys.activeSigningKey())).extracting(JWK::getKeyID).containsExactly(newKid);
		assertThat(row(oldKid)).satisfies((old) -> {
			assertThat(old.retiredAt()).isEqualTo(rotatedAt);
			assertThat(old.publishUntil()).isEqualTo(rotatedAt.plus(RETENTION));
			assertThat(old.sealedPrivateJwk()).as("private half wiped").isNull();
		});
		assertThat(kids(keys.publishedKeys())).containsExactlyInAnyOrder(newKid, oldKid);
		assertThat(verify(signedWithOld, keys.publishedKeys())).isTrue();

		this.clock.advance(RETENTION.minusSeconds(1));
		keys.refresh();
		assertThat(kids(keys.publishedKeys())).containsExactlyInAnyOrder(newKid, oldKid);
		assertThat(kids(start(this.keyEncryptionKey).publishedKeys())).as("after a restart")
			.containsExactlyInAnyOrder(newKid, oldKid);

		this.clock.advance(Duration.ofSeconds(1));
		keys.refresh();
		assertThat(kids(keys.publishedKeys())).containsExactly(newKid);
		assertThat(verify(signedWithOld, keys.publishedKeys())).isFalse();
	}

	@Test
	void refreshWhenActiveKeyIsOlderThanTheRotationPeriodThenRotates() throws Exception {
		SigningKeys keys = start(this.keyEncryptionKey);
		String first = keys.activeKeyId();

		this.clock.advance(ROTATION_PERIOD.minusSeconds(1));
		keys.refresh();
		assertThat(keys.activeKeyId()).isEqualTo(first);

		this.clock.advance(Duration.ofSeconds(1));
		keys.refresh();
		assertThat(keys.activeKeyId()).isNotEqualTo(first);
		assertThat(kids(keys.publishedKeys())).contains(first, keys.activeKeyId());
	}

	@Test
	void refreshWhenAnotherNodeRotatedThenSignsWithTheNewKeyAndPublishesBoth() throws Exception {
		SigningKeys nodeA = start(this.keyEncryptionKey);
		SigningKeys nodeB = start(this.keyEncryptionKey);
		String oldKid = nodeB.activeKeyId();

		String newKid = nodeA.rotate();
		nodeB.refresh();

		assertThat(nodeB.activeKeyId()).isEqualTo(newKid);
		assertThat(kids(nodeB.publishedKeys())).containsExactlyInAnyOrder(oldKid, newKid);
		assertThat(verify(sign(nodeA), nodeB.publishedKeys())).isTrue();
	}

	@Test
	void constructWhenNodesStartTogetherOnAnEmptyDatabaseThenAllShareOneActiveKey() throws Exception {
		int nodes = 4;
		ExecutorService pool = Executors.newFixedThreadPool(nodes);
		try {
			for (int round = 0; round < 5; round++) {
				this.database.reset();
				CountDownLatch go = new CountDownLatch(1);
				List<Future<SigningKeys>> started = new ArrayList<>();
				for (int i = 0; i < nodes; i++) {
					started.add(pool.submit(() -> {
						go.await();
						return start(this.keyEncryptionKey);
					}));
				}
				go.countDown();
				Set<String> activeKids = new HashSet<>();
				for (Future<SigningKeys> node : started) {
					activeKids.add(node.get(30, TimeUnit.SECONDS).activeKeyId());
				}

				assertThat(rows()).as("round " + round).filteredOn((row) -> row.retiredAt() == null).hasSize(1);
				assertThat(activeKids).as("round " + round).hasSize(1);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private SigningKeys start(String base64Kek) {
		return new SigningKeys(new SigningKeyRepository(this.database.jdbc()),
				KeyEncryptionKey.load(base64Kek, null), this.database.transactions(), this.clock, ROTATION_PERIOD,
				RETENTION, this.audited::add);
	}

	private List<StoredSigningKey> rows() {
		return this.database.jdbc()
			.query("SELECT * FROM signing_key ORDER BY created_at",
					(rs, row) -> new StoredSigningKey(rs.getString("kid"), rs.getString("algorithm"),
							rs.getString("public_jwk"), rs.getString("sealed_private_jwk"), DbTime.fromDb(rs, "created_at"),
							DbTime.fromDb(rs, "retired_at"), DbTime.fromDb(rs, "publish_until")));
	}

	private StoredSigningKey row(String kid) {
		return rows().stream().filter((row) -> row.kid().equals(kid)).findFirst().orElseThrow();
	}

	private static List<JWK> all(JWKSource<SecurityContext> source) throws Exception {
		return source.get(new JWKSelector(new JWKMatcher.Builder().build()), null);
	}

	private static List<String> kids(JWKSource<SecurityContext> source) throws Exception {
		return all(source).stream().map(JWK::getKeyID).toList();
	}

	private static String sign(SigningKeys keys) throws Exception {
		ECKey key = (ECKey) all(keys.activeSigningKey()).get(0);
		JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
				new Payload(Map.of("sub", "usr-alice-001")));
		jws.sign(new ECDSASigner(key));
		return jws.serialize();
	}

	/** Whether a published key with the token's {@code kid} verifies it. */
	private static boolean verify(String token, JWKSource<SecurityContext> published) throws Exception {
		JWSObject jws = JWSObject.parse(token);
		for (JWK jwk : all(published)) {
			if (jwk.getKeyID().equals(jws.getHeader().getKeyID())) {
				return jws.verify(new ECDSAVerifier((ECKey) jwk));
			}
		}
		return false;
	}

	private static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
