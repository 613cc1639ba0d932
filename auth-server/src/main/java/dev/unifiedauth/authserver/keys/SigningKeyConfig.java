package dev.unifiedauth.authserver.keys;

import java.time.Clock;
import java.time.Duration;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.unifiedauth.authserver.UnifiedAuthProperties;
import dev.unifiedauth.core.audit.AuditSink;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the signing keys: the published {@link JWKSource} serves the JWKS endpoint and local verification,
 * the {@link JwtEncoder} signs with the active key only.
 */
@Configuration(proxyBeanMethods = false)
class SigningKeyConfig {

	/** Spring's generated ID tokens live 30 minutes; a retired key must outlive them too. */
	private static final Duration ID_TOKEN_TTL = Duration.ofMinutes(30);

	@Bean
	KeyEncryptionKey keyEncryptionKey(UnifiedAuthProperties properties) {
		return KeyEncryptionKey.load(properties.keys().encryptionKey(), properties.keys().encryptionKeyFile());
	}

	@Bean
	SigningKeys signingKeys(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock,
			UnifiedAuthProperties properties, KeyEncryptionKey keyEncryptionKey, AuditSink audit) {
		UnifiedAuthProperties.Keys keys = properties.keys();
		Duration longestToken = max(properties.tokens().accessTokenTtl(), ID_TOKEN_TTL);
		return new SigningKeys(new SigningKeyRepository(jdbc), keyEncryptionKey, transactions, clock,
				keys.rotationPeriod(), longestToken.plus(keys.clockSkew()), audit);
	}

	@Bean
	JWKSource<SecurityContext> jwkSource(SigningKeys signingKeys) {
		return signingKeys.publishedKeys();
	}

	@Bean
	JwtEncoder jwtEncoder(SigningKeys signingKeys) {
		return new NimbusJwtEncoder(signingKeys.activeSigningKey());
	}

	@Bean
	SigningKeyRefresher signingKeyRefresher(SigningKeys signingKeys) {
		return new SigningKeyRefresher(signingKeys);
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	/** Reloads keys rotated elsewhere and rotates on schedule, once a minute. */
	static final class SigningKeyRefresher {

		private final SigningKeys signingKeys;

		SigningKeyRefresher(SigningKeys signingKeys) {
			this.signingKeys = signingKeys;
		}

		@Scheduled(fixedDelayString = "${unified-auth.keys.refresh-interval:60s}",
				initialDelayString = "${unified-auth.keys.refresh-interval:60s}")
		void refresh() {
			this.signingKeys.refresh();
		}

	}

}
