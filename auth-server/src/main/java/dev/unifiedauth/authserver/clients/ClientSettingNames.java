package dev.unifiedauth.authserver.clients;

import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

/**
 * Names of the {@link ClientSettings} entries this server adds to Spring's.
 */
public final class ClientSettingNames {

	/**
	 * The RFC 8707 resource identifier of the resource server this client is; it may introspect tokens whose
	 * {@code aud} contains it.
	 */
	public static final String RESOURCE_IDENTIFIER = "settings.client.unified-auth.resource-identifier";

	/** A client that may introspect every token (an administrative client). */
	public static final String INTROSPECT_ANY_TOKEN = "settings.client.unified-auth.introspect-any-token";

	/** An AI agent: authenticates by delegation, gets attenuated DPoP-bound tokens through token exchange. */
	public static final String AGENT = "settings.client.unified-auth.agent";

	/** RFC 9449 §5.2 client metadata {@code dpop_bound_access_tokens}: every token request needs a DPoP proof. */
	public static final String DPOP_BOUND_ACCESS_TOKENS = "settings.client.unified-auth.dpop-bound-access-tokens";

	/** DPoP proofs of this client must carry a server nonce (RFC 9449 §8). */
	public static final String REQUIRE_DPOP_NONCE = "settings.client.unified-auth.require-dpop-nonce";

	/** The client's public keys for {@code private_key_jwt}, as a JWK Set JSON document (RFC 7591 {@code jwks}). */
	public static final String JWKS = "settings.client.unified-auth.jwks";

	/** An administrator disabled the client: it cannot authenticate and tokens naming it stop working. */
	public static final String DISABLED = "settings.client.unified-auth.disabled";

	private ClientSettingNames() {
	}

	public static boolean isAgent(ClientSettings settings) {
		return Boolean.TRUE.equals(settings.getSetting(AGENT));
	}

	public static boolean requiresDPoP(ClientSettings settings) {
		return Boolean.TRUE.equals(settings.getSetting(DPOP_BOUND_ACCESS_TOKENS));
	}

	public static boolean requiresDPoPNonce(ClientSettings settings) {
		return Boolean.TRUE.equals(settings.getSetting(REQUIRE_DPOP_NONCE));
	}

	public static String jwks(ClientSettings settings) {
		Object value = settings.getSetting(JWKS);
		return (value instanceof String json) ? json : null;
	}

	public static String resourceIdentifier(ClientSettings settings) {
		Object value = settings.getSetting(RESOURCE_IDENTIFIER);
		return (value instanceof String identifier) ? identifier : null;
	}

	public static boolean isDisabled(ClientSettings settings) {
		return Boolean.TRUE.equals(settings.getSetting(DISABLED));
	}

	public static boolean introspectsAnyToken(ClientSettings settings) {
		return Boolean.TRUE.equals(settings.getSetting(INTROSPECT_ANY_TOKEN));
	}

}
