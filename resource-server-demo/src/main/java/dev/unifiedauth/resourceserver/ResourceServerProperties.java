package dev.unifiedauth.resourceserver;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the demo resource server, bound from {@code resource-server.*}.
 *
 * @param identifier this server's RFC 8707 resource identifier: an absolute {@code http(s)} URL without query or
 * fragment, the public URL clients call (tokens must name it in {@code aud}; DPoP proofs name it plus the request
 * path in {@code htu})
 * @param issuer the authorization server whose tokens are accepted (exact {@code iss})
 * @param jwkSetUri where the authorization server publishes its keys; defaults to {@code issuer + /oauth2/jwks}
 * @param clockSkew tolerance for {@code exp}, {@code nbf} and {@code iat}
 * @param corsAllowedOrigins browser origins allowed to call the API (the demo client page)
 * @param clientId this server's client at the authorization server (HTTP Basic at the approval API)
 * @param clientSecret that client's secret
 * @param maxRequestBodySize the largest request body accepted; larger ones get 413
 * @param dpop DPoP proof checking
 * @param replayStore where used DPoP proofs are remembered
 * @param approvals the authorization server's approval API
 * @param revocation the authorization server's revocation feed
 * @param audit where audit events wait until the authorization server has them
 */
@ConfigurationProperties("resource-server")
public record ResourceServerProperties(@DefaultValue("http://localhost:8081") String identifier,
		@DefaultValue("http://localhost:9000") String issuer, String jwkSetUri,
		@DefaultValue("60s") Duration clockSkew, @DefaultValue("http://localhost:9000") List<String> corsAllowedOrigins,
		@DefaultValue("resource-server-demo") String clientId,
		@DefaultValue("resource-server-demo-secret") String clientSecret,
		@DefaultValue("64KB") DataSize maxRequestBodySize, @DefaultValue DPoP dpop,
		@DefaultValue ReplayStore replayStore, @DefaultValue Approvals approvals,
		@DefaultValue Revocation revocation, @DefaultValue Audit audit) {

	public ResourceServerProperties {
		URI uri;
		try {
			uri = new URI(identifier);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("resource-server.identifier is not a URI: " + identifier, ex);
		}
		// RFC 8707 §2: an absolute URI without a fragment (and, as recommended, without a query)
		if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
				|| uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new IllegalArgumentException(
					"resource-server.identifier must be an absolute http(s) URL without query or fragment: "
							+ identifier);
		}
	}

	public String effectiveJwkSetUri() {
		return (this.jwkSetUri != null && !this.jwkSetUri.isBlank()) ? this.jwkSetUri : this.issuer + "/oauth2/jwks";
	}

	/** The identifier without a trailing slash, to which request paths are appended. */
	public String baseUrl() {
		return this.identifier.endsWith("/") ? this.identifier.substring(0, this.identifier.length() - 1)
				: this.identifier;
	}

	/** The approval API's check endpoint. */
	public String effectiveApprovalCheckUri() {
		String configured = this.approvals.checkUri();
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		String issuer = this.issuer.endsWith("/") ? this.issuer.substring(0, this.issuer.length() - 1) : this.issuer;
		return issuer + "/approvals/v1/check";
	}

	/** The revocation feed's endpoint. */
	public String effectiveRevocationFeedUri() {
		String configured = this.revocation.feedUri();
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		String issuer = this.issuer.endsWith("/") ? this.issuer.substring(0, this.issuer.length() - 1) : this.issuer;
		return issuer + "/revocations/v1/events";
	}

	/** The authorization server's audit ingestion endpoint. */
	public String effectiveAuditIngestUri() {
		String configured = this.audit.ingestUri();
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		String issuer = this.issuer.endsWith("/") ? this.issuer.substring(0, this.issuer.length() - 1) : this.issuer;
		return issuer + "/audit/v1/events";
	}

	/**
	 * DPoP proof checking at this server (RFC 9449 §7).
	 *
	 * @param iatWindow how far a proof's {@code iat} may be from now, either way (§4.3 (11), §11.1)
	 * @param algorithms the proof algorithms accepted, published as {@code dpop_signing_alg_values_supported}
	 * @param nonces whether proofs must carry a nonce this server issued (§9)
	 * @param nonceLifetime how long an issued nonce is accepted
	 * @param nonceSecret base64url of at least 32 bytes that every node of this resource server shares, so that
	 * each accepts the others' nonces; when absent, a random one per start (one node)
	 */
	public record DPoP(@DefaultValue("60s") Duration iatWindow,
			@DefaultValue({ "ES256", "PS256", "RS256", "EdDSA" }) List<String> algorithms,
			@DefaultValue("false") boolean nonces, @DefaultValue("5m") Duration nonceLifetime, String nonceSecret) {

		public DPoP {
			algorithms = List.copyOf(algorithms);
		}

	}

	/**
	 * The replay store of DPoP proofs (RFC 9449 §11.1).
	 *
	 * @param type {@code embedded} (one node, in memory) or {@code redis} (shared by every node; Spring Boot's
	 * {@code spring.data.redis.*})
	 * @param maxEntries the most proof identifiers the embedded store holds at once; when it is full of live ones,
	 * DPoP requests get 503 rather than a forgotten identifier
	 * @param redisKeyPrefix the prefix of every key the Redis store writes
	 */
	public record ReplayStore(@DefaultValue("embedded") Type type, @DefaultValue("100000") int maxEntries,
			@DefaultValue("resource-server:replay:") String redisKeyPrefix) {

		/** Where the identifiers are kept. */
		public enum Type {

			EMBEDDED, REDIS

		}

	}

	/**
	 * The authorization server's approval API, asked for SUPERVISED operations only.
	 *
	 * @param checkUri the check endpoint; defaults to {@code issuer + /approvals/v1/check}
	 * @param connectTimeout how long to wait for a connection
	 * @param readTimeout how long to wait for the answer
	 */
	public record Approvals(String checkUri, @DefaultValue("2s") Duration connectTimeout,
			@DefaultValue("5s") Duration readTimeout) {
	}

	/**
	 * The authorization server's revocation feed, polled into memory (see docs/revocation.md).
	 *
	 * @param feedUri the feed endpoint; defaults to {@code issuer + /revocations/v1/events}
	 * @param pollInterval the pause between the end of one poll and the start of the next
	 * @param maxStaleness how old the last completed poll may be before tokens are refused with 503
	 * @param capacity the most rules held in memory; beyond it tokens are refused with 503
	 * @param connectTimeout how long to wait for a connection
	 * @param readTimeout how long to wait for a page
	 */
	public record Revocation(String feedUri, @DefaultValue("250ms") Duration pollInterval,
			@DefaultValue("1s") Duration maxStaleness, @DefaultValue("100000") int capacity,
			@DefaultValue("500ms") Duration connectTimeout, @DefaultValue("500ms") Duration readTimeout) {
	}

	/**
	 * Delivery of this server's audit events to the one trail at the authorization server.
	 *
	 * @param spoolDirectory where events wait until delivered (kept across restarts)
	 * @param maxSpoolSize the most undelivered events kept; beyond it requests fail with 503
	 * @param deliveryInterval the pause between delivery rounds
	 * @param ingestUri the ingestion endpoint; defaults to {@code issuer + /audit/v1/events}
	 */
	public record Audit(@DefaultValue("./data/resource-server-audit") String spoolDirectory,
			@DefaultValue("64MB") DataSize maxSpoolSize, @DefaultValue("200ms") Duration deliveryInterval,
			String ingestUri) {
	}

}
