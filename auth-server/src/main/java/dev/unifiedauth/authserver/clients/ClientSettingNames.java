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

	private ClientSettingNames() {
	}

	public static String resourceIdentifier(ClientSettings settings) {
		Object value = settings.getSetting(RESOURCE_IDENTIFIER);
		return (value instanceof String identifier) ? identifier : null;
	}

	public static boolean introspectsAnyToken(ClientSettings settings) {
		return Boolean.TRUE.equals(settings.getSetting(INTROSPECT_ANY_TOKEN));
	}

}
