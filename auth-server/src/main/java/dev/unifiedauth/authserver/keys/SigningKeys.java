package dev.unifiedauth.authserver.keys;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.unifiedauth.core.audit.AuditEvent;
import dev.unifiedauth.core.audit.AuditSink;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * The server's signing keys: exactly one active ES256 key signs; it and every retired key whose tokens may
 * still be alive are published. State is a volatile immutable snapshot, reloaded from the database, so this
 * class is thread-safe and every node of a cluster converges on the same active key. Generating the first key and
 * rotating happen under one database lock ({@code signing_key_lock}), so that nodes starting together on an empty
 * database create one key between them. Both are audited ({@code key.generated}, {@code key.rotated}) in their
 * transaction.
 */
public final class SigningKeys {

	private static final Log logger = LogFactory.getLog(SigningKeys.class);

	private final SigningKeyRepository repository;

	private final KeyEncryptionKey keyEncryptionKey;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Duration rotationPeriod;

	private final Duration retention;

	private final AuditSink audit;

	private volatile Snapshot snapshot;

	/**
	 * @param rotationPeriod age after which the active key is replaced
	 * @param retention how long a retired key stays published: the longest lifetime of a token it signed plus
	 * clock skew
	 */
	SigningKeys(SigningKeyRepository repository, KeyEncryptionKey keyEncryptionKey, TransactionTemplate transactions,
			Clock clock, Duration rotationPeriod, Duration retention, AuditSink audit) {
		this.repository = repository;
		this.keyEncryptionKey = keyEncryptionKey;
		this.transactions = transactions;
		this.clock = clock;
		this.rotationPeriod = rotationPeriod;
		this.retention = retention;
		this.audit = audit;
		this.transactions.executeWithoutResult((status) -> {
			repository.lockKeyGeneration();
			if (repository.lockActive().isEmpty()) {
				String kid = insertNewKey();
				record("key.generated", kid, null);
				logger.info("Generated the first signing key " + kid);
			}
		});
		reload();
	}

	/** Source of the published public keys, for the JWKS endpoint and token verification. */
	public JWKSource<SecurityContext> publishedKeys() {
		return (selector, context) -> selector.select(this.snapshot.published());
	}

	/** Source holding only the active private key, for signing. */
	public JWKSource<SecurityContext> activeSigningKey() {
		return (selector, context) -> selector.select(new JWKSet(this.snapshot.signing()));
	}

	public String activeKeyId() {
		return this.snapshot.signing().getKeyID();
	}

	/**
	 * Replaces the active key: the new key signs from now on, the old one is retired (its private half wiped)
	 * and stays published for the retention period.
	 * @return the id of the new active key
	 */
	public String rotate() {
		String kid = this.transactions.execute((status) -> {
			this.repository.lockKeyGeneration();
			String previous = this.repository.lockActive().map(StoredSigningKey::kid).orElse(null);
			String fresh = insertNewKey();
			Instant now = this.clock.instant();
			this.repository.retireAllExcept(fresh, now, now.plus(this.retention));
			record("key.rotated", fresh, previous); // commits with the rotation, or neither happens
			return fresh;
		});
		reload();
		logger.info("Rotated the signing key; " + kid + " is now active");
		return kid;
	}

	/**
	 * Picks up keys rotated by another node and rotates the active key once it is older than the rotation
	 * period. Called periodically.
	 */
	public void refresh() {
		reload();
		if (!this.snapshot.activeSince().plus(this.rotationPeriod).isAfter(this.clock.instant())) {
			rotate();
		}
	}

	private void record(String type, String kid, String previous) {
		this.audit.record(AuditEvent.of(type, this.clock.instant())
			.decision(type.substring("key.".length()), null)
			.detail("kid", kid)
			.detail("previous_kid", previous)
			.detail("algorithm", JWSAlgorithm.ES256.getName())
			.build());
	}

	private String insertNewKey() {
		ECKey key = generate();
		this.repository.insert(new StoredSigningKey(key.getKeyID(), JWSAlgorithm.ES256.getName(),
				key.toPublicJWK().toJSONString(), this.keyEncryptionKey.seal(key.toJSONString(), key.getKeyID()),
				this.clock.instant(), null, null));
		return key.getKeyID();
	}

	private void reload() {
		List<StoredSigningKey> keys = this.repository.findPublished(this.clock.instant());
		StoredSigningKey active = keys.stream()
			.filter(StoredSigningKey::active)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No active signing key in the database"));
		List<JWK> published = new ArrayList<>();
		for (StoredSigningKey key : keys) {
			published.add(parse(key.publicJwk(), key.kid()));
		}
		JWK signing = parse(this.keyEncryptionKey.open(active.sealedPrivateJwk(), active.kid()), active.kid());
		this.snapshot = new Snapshot(signing, new JWKSet(published), active.createdAt());
	}

	private static ECKey generate() {
		try {
			ECKey key = new ECKeyGenerator(Curve.P_256).algorithm(JWSAlgorithm.ES256)
				.keyUse(KeyUse.SIGNATURE)
				.generate();
			return new ECKey.Builder(key).keyIDFromThumbprint().build();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot generate a P-256 signing key", ex);
		}
	}

	private static JWK parse(String json, String kid) {
		try {
			return JWK.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Stored signing key " + kid + " is not a valid JWK", ex);
		}
	}

	private record Snapshot(JWK signing, JWKSet published, Instant activeSince) {
	}

}
