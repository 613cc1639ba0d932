package dev.unifiedauth.authserver.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.unifiedauth.authserver.clients.ClientJwks;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The capabilities the server advertises, applied to the RFC 8414 and OpenID Connect discovery documents so
 * that the two always agree. Immutable.
 */
public final class ServerMetadata {

	static final List<String> GRANT_TYPES = List.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
			AuthorizationGrantType.REFRESH_TOKEN.getValue(), AuthorizationGrantType.CLIENT_CREDENTIALS.getValue(),
			AuthorizationGrantType.TOKEN_EXCHANGE.getValue());

	static final List<String> TOKEN_ENDPOINT_AUTH_METHODS = List.of(
			ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
			ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue(),
			ClientAuthenticationMethod.PRIVATE_KEY_JWT.getValue(), ClientAuthenticationMethod.NONE.getValue());

	/** Public clients cannot authenticate, so they cannot use introspection or revocation. */
	static final List<String> CONFIDENTIAL_AUTH_METHODS = List.of(
			ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
			ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue(),
			ClientAuthenticationMethod.PRIVATE_KEY_JWT.getValue());

	static final List<String> SIGNING_ALGORITHMS = List.of("ES256");

	/** The token endpoint accepts DPoP proofs signed with exactly these (RFC 9449 §5.1). */
	private final List<String> dpopAlgorithms;

	public ServerMetadata(List<String> dpopAlgorithms) {
		this.dpopAlgorithms = List.copyOf(dpopAlgorithms);
	}

	/** RFC 7591 §3 client registration endpoint ({@code registration.ClientRegistrationEndpoint}). */
	static final String REGISTRATION_ENDPOINT = "/oauth2/register";

	/** Applies to both discovery documents. */
	public void customize(Map<String, Object> claims) {
		claims.put("registration_endpoint", claims.get("issuer") + REGISTRATION_ENDPOINT); // RFC 8414 §2
		claims.put("grant_types_supported", new ArrayList<>(GRANT_TYPES));
		claims.put("response_types_supported", new ArrayList<>(List.of("code")));
		claims.put("response_modes_supported", new ArrayList<>(List.of("query")));
		claims.put("code_challenge_methods_supported", new ArrayList<>(List.of("S256")));
		claims.put("token_endpoint_auth_methods_supported", new ArrayList<>(TOKEN_ENDPOINT_AUTH_METHODS));
		claims.put("revocation_endpoint_auth_methods_supported", new ArrayList<>(CONFIDENTIAL_AUTH_METHODS));
		claims.put("introspection_endpoint_auth_methods_supported", new ArrayList<>(CONFIDENTIAL_AUTH_METHODS));
		// RFC 8414 §2: the algorithms of private_key_jwt assertions (ClientAssertionVerifier)
		claims.put("token_endpoint_auth_signing_alg_values_supported", new ArrayList<>(ClientJwks.ALGORITHMS));
		claims.put("revocation_endpoint_auth_signing_alg_values_supported", new ArrayList<>(ClientJwks.ALGORITHMS));
		claims.put("introspection_endpoint_auth_signing_alg_values_supported", new ArrayList<>(ClientJwks.ALGORITHMS));
		claims.put("dpop_signing_alg_values_supported", new ArrayList<>(this.dpopAlgorithms));
		claims.put("authorization_response_iss_parameter_supported", true); // RFC 9207 §3
		claims.remove("tls_client_certificate_bound_access_tokens");
	}

	/** Applies to the OpenID Connect discovery document only. */
	public void customizeOidc(Map<String, Object> claims) {
		customize(claims);
		claims.put("id_token_signing_alg_values_supported", new ArrayList<>(SIGNING_ALGORITHMS));
		claims.put("scopes_supported", new ArrayList<>(List.of("openid", "profile", "email")));
		claims.put("claims_supported", new ArrayList<>(List.of("sub", "iss", "aud", "exp", "iat", "auth_time",
				"nonce", "sid", "azp", "name", "email", "email_verified")));
	}

}
