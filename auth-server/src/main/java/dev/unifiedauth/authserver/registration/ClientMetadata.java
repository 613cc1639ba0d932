package dev.unifiedauth.authserver.registration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import dev.unifiedauth.authserver.clients.AgentClients;
import dev.unifiedauth.authserver.clients.ClientJwks;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;

/**
 * The client metadata of a registration request (RFC 7591 §2), checked, with this server's defaults filled in;
 * {@link #toJSONObject()} is what the registration response echoes (§3.2.1) and {@link #parse} reads it back.
 * Members this server does not understand are ignored (§2); a member it understands but refuses is
 * {@code invalid_client_metadata} or {@code invalid_redirect_uri} (§3.2.2).
 *
 * <p>The extension member {@code agent} (default {@code true}) says whether the client is an AI agent: agents use
 * {@code client_credentials} and token exchange only, must set {@code dpop_bound_access_tokens} (RFC 9449 §5.2)
 * and have no redirect URIs. Other clients are confidential service clients that may also use the
 * authorization-code and refresh grants. Nobody registers a public client here ({@code none}).
 *
 * @param agent whether the client is an AI agent
 * @param clientName the human-readable name, or {@code null}
 * @param authenticationMethod {@code client_secret_basic} (default), {@code client_secret_post} or
 * {@code private_key_jwt}
 * @param grantTypes the grant types, in request order
 * @param redirectUris the redirect URIs (authorization-code clients only)
 * @param scopes the scopes the client may be given, sorted
 * @param jwks the client's public keys, or {@code null}
 * @param dpopBoundAccessTokens RFC 9449 §5.2
 */
record ClientMetadata(boolean agent, String clientName, ClientAuthenticationMethod authenticationMethod,
		List<AuthorizationGrantType> grantTypes, List<String> redirectUris, Set<String> scopes, ClientJwks jwks,
		boolean dpopBoundAccessTokens) {

	static final int MAX_NAME_LENGTH = 200;

	static final int MAX_REDIRECT_URIS = 10;

	static final List<ClientAuthenticationMethod> AUTHENTICATION_METHODS = List.of(
			ClientAuthenticationMethod.CLIENT_SECRET_BASIC, ClientAuthenticationMethod.CLIENT_SECRET_POST,
			ClientAuthenticationMethod.PRIVATE_KEY_JWT);

	static final List<AuthorizationGrantType> SERVICE_GRANT_TYPES = List.of(AuthorizationGrantType.AUTHORIZATION_CODE,
			AuthorizationGrantType.REFRESH_TOKEN, AuthorizationGrantType.CLIENT_CREDENTIALS,
			AuthorizationGrantType.TOKEN_EXCHANGE);

	static final Set<String> IDENTITY_SCOPES = Set.of(OidcScopes.OPENID, OidcScopes.PROFILE, OidcScopes.EMAIL);

	/** RFC 6749 §3.3 scope-token. */
	private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

	private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

	ClientMetadata {
		grantTypes = List.copyOf(grantTypes);
		redirectUris = List.copyOf(redirectUris);
		scopes = new TreeSet<>(scopes);
	}

	/**
	 * Reads and checks the metadata of a registration request.
	 * @param json the request body
	 * @param isKnownScope whether a resource scope is served by a configured resource server
	 * @throws RegistrationException {@code invalid_client_metadata} or {@code invalid_redirect_uri}
	 */
	static ClientMetadata parse(Map<String, Object> json, Predicate<String> isKnownScope) {
		if (json.containsKey("jwks_uri")) {
			// G14: the server never fetches an address a client chose (SSRF); RFC 7591 §2 allows either member
			throw RegistrationException.invalidMetadata("jwks_uri is not supported; register the keys inline as jwks");
		}
		boolean agent = bool(json, "agent", true);
		String clientName = clientName(json);
		ClientAuthenticationMethod method = authenticationMethod(json, agent);
		List<AuthorizationGrantType> grantTypes = grantTypes(json, agent);
		boolean codeGrant = grantTypes.contains(AuthorizationGrantType.AUTHORIZATION_CODE);
		List<String> redirectUris = redirectUris(json, codeGrant);
		checkResponseTypes(json, codeGrant);
		Set<String> scopes = scopes(json, isKnownScope, codeGrant);
		ClientJwks jwks = jwks(json);
		if (ClientAuthenticationMethod.PRIVATE_KEY_JWT.equals(method) && jwks == null) {
			throw RegistrationException.invalidMetadata("private_key_jwt needs the client's public keys in jwks");
		}
		Object signingAlgorithm = json.get("token_endpoint_auth_signing_alg");
		if (signingAlgorithm != null && !ClientJwks.ALGORITHMS.contains(signingAlgorithm)) {
			throw RegistrationException.invalidMetadata(
					"token_endpoint_auth_signing_alg must be one of " + String.join(", ", ClientJwks.ALGORITHMS));
		}
		boolean dpopBound = bool(json, "dpop_bound_access_tokens", false);
		if (agent && !dpopBound) {
			// RFC 9449 §5.2; contract: agent tokens are DPoP-bound
			throw RegistrationException.invalidMetadata("An agent must be registered with dpop_bound_access_tokens true");
		}
		return new ClientMetadata(agent, clientName, method, grantTypes, redirectUris, scopes, jwks, dpopBound);
	}

	/** The registered metadata as the registration response states it (RFC 7591 §3.2.1). */
	Map<String, Object> toJSONObject() {
		Map<String, Object> json = new LinkedHashMap<>();
		if (this.clientName != null) {
			json.put("client_name", this.clientName);
		}
		json.put("agent", this.agent);
		json.put("token_endpoint_auth_method", this.authenticationMethod.getValue());
		json.put("grant_types", this.grantTypes.stream().map(AuthorizationGrantType::getValue).toList());
		json.put("response_types",
				this.grantTypes.contains(AuthorizationGrantType.AUTHORIZATION_CODE) ? List.of("code") : List.of());
		if (!this.redirectUris.isEmpty()) {
			json.put("redirect_uris", this.redirectUris);
		}
		json.put("scope", String.join(" ", this.scopes));
		if (this.jwks != null) {
			json.put("jwks", this.jwks.toJSONObject());
		}
		json.put("dpop_bound_access_tokens", this.dpopBoundAccessTokens);
		return json;
	}

	private static String clientName(Map<String, Object> json) {
		String name = string(json, "client_name", null);
		if (name != null && (name.isBlank() || name.length() > MAX_NAME_LENGTH || CONTROL.matcher(name).find())) {
			throw RegistrationException.invalidMetadata(
					"client_name must have 1 to " + MAX_NAME_LENGTH + " characters and no control characters");
		}
		return name;
	}

	private static ClientAuthenticationMethod authenticationMethod(Map<String, Object> json, boolean agent) {
		// RFC 7591 §2: client_secret_basic when omitted
		String value = string(json, "token_endpoint_auth_method",
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue());
		if (ClientAuthenticationMethod.NONE.getValue().equals(value)) {
			throw RegistrationException.invalidMetadata((agent ? "An agent" : "A client registered here")
					+ " must authenticate: token_endpoint_auth_method none is not allowed");
		}
		for (ClientAuthenticationMethod method : AUTHENTICATION_METHODS) {
			if (method.getValue().equals(value)) {
				return method;
			}
		}
		throw RegistrationException.invalidMetadata("token_endpoint_auth_method must be one of "
				+ String.join(", ", AUTHENTICATION_METHODS.stream().map(ClientAuthenticationMethod::getValue).toList()));
	}

	private static List<AuthorizationGrantType> grantTypes(Map<String, Object> json, boolean agent) {
		List<AuthorizationGrantType> allowed = agent ? AgentClients.GRANT_TYPES : SERVICE_GRANT_TYPES;
		// RFC 7591 §2 defaults to authorization_code; an agent defaults to what agents do
		List<String> requested = strings(json, "grant_types",
				agent ? allowed.stream().map(AuthorizationGrantType::getValue).toList()
						: List.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue()));
		if (requested.isEmpty()) {
			throw RegistrationException.invalidMetadata("grant_types must not be empty");
		}
		Set<AuthorizationGrantType> grantTypes = new LinkedHashSet<>();
		for (String value : requested) {
			AuthorizationGrantType grantType = allowed.stream()
				.filter((candidate) -> candidate.getValue().equals(value))
				.findFirst()
				.orElseThrow(() -> RegistrationException.invalidMetadata((agent ? "An agent" : "A service client")
						+ " may use the grant types "
						+ String.join(", ", allowed.stream().map(AuthorizationGrantType::getValue).toList())));
			grantTypes.add(grantType);
		}
		if (grantTypes.contains(AuthorizationGrantType.REFRESH_TOKEN)
				&& !grantTypes.contains(AuthorizationGrantType.AUTHORIZATION_CODE)) {
			// refresh tokens are only issued with the authorization-code grant here (RFC 7591 §2.1)
			throw RegistrationException.invalidMetadata("refresh_token needs authorization_code");
		}
		return new ArrayList<>(grantTypes);
	}

	private static List<String> redirectUris(Map<String, Object> json, boolean codeGrant) {
		List<String> redirectUris = new ArrayList<>(new LinkedHashSet<>(strings(json, "redirect_uris", List.of())));
		if (redirectUris.size() > MAX_REDIRECT_URIS) {
			throw RegistrationException.invalidRedirectUri("At most " + MAX_REDIRECT_URIS + " redirect URIs");
		}
		redirectUris.forEach(RedirectUris::check);
		if (codeGrant && redirectUris.isEmpty()) {
			// RFC 7591 §2: redirect_uris REQUIRED for redirect-based flows
			throw RegistrationException.invalidRedirectUri("The authorization_code grant needs redirect_uris");
		}
		if (!codeGrant && !redirectUris.isEmpty()) {
			throw RegistrationException.invalidRedirectUri("redirect_uris are only for the authorization_code grant");
		}
		return redirectUris;
	}

	private static void checkResponseTypes(Map<String, Object> json, boolean codeGrant) {
		List<String> expected = codeGrant ? List.of("code") : List.of();
		List<String> responseTypes = strings(json, "response_types", expected);
		if (!new LinkedHashSet<>(responseTypes).equals(new LinkedHashSet<>(expected))) {
			// RFC 7591 §2.1: response_types must agree with grant_types
			throw RegistrationException.invalidMetadata("response_types must be " + expected);
		}
	}

	private static Set<String> scopes(Map<String, Object> json, Predicate<String> isKnownScope, boolean codeGrant) {
		String scope = string(json, "scope", "");
		Set<String> scopes = new TreeSet<>();
		if (scope.isEmpty()) {
			return scopes;
		}
		for (String token : scope.split(" ", -1)) {
			if (!SCOPE_TOKEN.matcher(token).matches()) {
				throw RegistrationException.invalidMetadata("scope must be scope tokens separated by single spaces");
			}
			boolean identity = IDENTITY_SCOPES.contains(token);
			if ((identity && !codeGrant) || (!identity && !isKnownScope.test(token))) {
				throw RegistrationException.invalidMetadata("Unknown scope " + token);
			}
			scopes.add(token);
		}
		return scopes;
	}

	@SuppressWarnings("unchecked")
	private static ClientJwks jwks(Map<String, Object> json) {
		Object value = json.get("jwks");
		if (value == null) {
			return null;
		}
		if (!(value instanceof Map<?, ?> jwks)) {
			throw RegistrationException.invalidMetadata("jwks must be a JWK Set object");
		}
		try {
			return ClientJwks.parse((Map<String, Object>) jwks);
		}
		catch (IllegalArgumentException ex) {
			throw RegistrationException.invalidMetadata(ex.getMessage());
		}
	}

	private static boolean bool(Map<String, Object> json, String name, boolean defaultValue) {
		Object value = json.get(name);
		if (value == null) {
			return defaultValue;
		}
		if (!(value instanceof Boolean bool)) {
			throw RegistrationException.invalidMetadata(name + " must be true or false");
		}
		return bool;
	}

	private static String string(Map<String, Object> json, String name, String defaultValue) {
		Object value = json.get(name);
		if (value == null) {
			return defaultValue;
		}
		if (!(value instanceof String string)) {
			throw RegistrationException.invalidMetadata(name + " must be a string");
		}
		return string;
	}

	private static List<String> strings(Map<String, Object> json, String name, List<String> defaultValue) {
		Object value = json.get(name);
		if (value == null) {
			return defaultValue;
		}
		if (!(value instanceof List<?> list) || list.size() > 50
				|| !list.stream().allMatch((member) -> member instanceof String)) {
			throw RegistrationException.invalidMetadata(name + " must be an array of strings");
		}
		return list.stream().map(String.class::cast).toList();
	}

}
