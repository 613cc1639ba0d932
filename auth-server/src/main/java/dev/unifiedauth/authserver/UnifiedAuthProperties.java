package dev.unifiedauth.authserver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every setting of the authorization server, bound from {@code unified-auth.*}.
 *
 * @param issuer the issuer identifier; tokens, metadata and {@code iss} parameters use exactly this string
 * @param tokens lifetimes of the tokens this server issues to humans
 * @param keys where signing keys are sealed and how often they rotate
 * @param login brute-force protection of the login form
 * @param resourceServers the protected resources this server issues tokens for (RFC 8707 identifiers)
 */
@ConfigurationProperties("unified-auth")
public record UnifiedAuthProperties(@DefaultValue("http://localhost:9000") String issuer, @DefaultValue Tokens tokens,
		@DefaultValue Keys keys, @DefaultValue Login login, List<ResourceServer> resourceServers) {

	public UnifiedAuthProperties {
		resourceServers = (resourceServers != null) ? List.copyOf(resourceServers) : List.of();
	}

	/**
	 * Token lifetimes. OAuth 2.1 §4.1.2 recommends a short authorization-code lifetime; 60 s is our ceiling.
	 */
	public record Tokens(@DefaultValue("15m") Duration accessTokenTtl, @DefaultValue("8h") Duration refreshTokenTtl,
			@DefaultValue("60s") Duration authorizationCodeTtl) {
	}

	/**
	 * Signing-key storage. The key-encryption key seals private keys at rest; give it as base64 (shared by every
	 * node) or let the server create a file on first start.
	 */
	public record Keys(String encryptionKey, @DefaultValue("./data/signing-keys.kek") Path encryptionKeyFile,
			@DefaultValue("30d") Duration rotationPeriod, @DefaultValue("5m") Duration clockSkew) {
	}

	/**
	 * Per-account login throttling: after {@code maxFailures} failures the account is locked for
	 * {@code lockout}, doubling with every further failure up to {@code maxLockout}.
	 */
	public record Login(@DefaultValue("5") int maxFailures, @DefaultValue("1m") Duration lockout,
			@DefaultValue("15m") Duration maxLockout) {
	}

	/**
	 * A protected resource: its RFC 8707 resource identifier (the {@code aud} of tokens for it) and the
	 * resource names whose scopes ({@code resource:action}) it serves.
	 */
	public record ResourceServer(String identifier, List<String> resources) {

		public ResourceServer {
			resources = (resources != null) ? List.copyOf(resources) : List.of();
		}

	}

}
