package dev.unifiedauth.authserver.clients;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The one place that says what an AI agent client is. An agent authenticates by itself only to prove who it is
 * ({@code client_credentials} gives it an identity token without scope) and acts for a human through RFC 8693
 * token exchange. Its tokens live 5 minutes (contract: "tokens die with tasks") and are bound to its DPoP key:
 * {@code dpop_bound_access_tokens} (RFC 9449 §5.2) and server nonces (RFC 9449 §8) are on. It never gets a
 * refresh token, because it is never registered for the {@code refresh_token} grant. Seeded agents
 * ({@code demo.DemoData}) and dynamically registered ones ({@code registration}) are built here alike.
 */
public final class AgentClients {

	/** Lifetime of every access token issued to an agent (contract: 5 minutes by default). */
	public static final Duration ACCESS_TOKEN_TTL = Duration.ofMinutes(5);

	/** The grants an agent may use; a subset may be registered. */
	public static final List<AuthorizationGrantType> GRANT_TYPES = List.of(AuthorizationGrantType.CLIENT_CREDENTIALS,
			AuthorizationGrantType.TOKEN_EXCHANGE);

	private AgentClients() {
	}

	/**
	 * A registration for an agent with every agent default: both grants, the agent settings and the agent token
	 * lifetime. Callers add the id, authentication methods, credentials and scopes.
	 */
	public static RegisteredClient.Builder agent(String id, String clientId, Instant issuedAt) {
		return RegisteredClient.withId(id)
			.clientId(clientId)
			.clientIdIssuedAt(issuedAt)
			.authorizationGrantTypes((grants) -> grants.addAll(GRANT_TYPES))
			.clientSettings(clientSettings().build())
			.tokenSettings(tokenSettings());
	}

	/**
	 * Agent client settings: {@link ClientSettingNames#AGENT}, {@link ClientSettingNames#DPOP_BOUND_ACCESS_TOKENS}
	 * and {@link ClientSettingNames#REQUIRE_DPOP_NONCE} on; no consent screen (an agent has no browser).
	 */
	public static ClientSettings.Builder clientSettings() {
		return ClientSettings.builder()
			.requireProofKey(true)
			.requireAuthorizationConsent(false)
			.setting(ClientSettingNames.AGENT, true)
			.setting(ClientSettingNames.DPOP_BOUND_ACCESS_TOKENS, true)
			.setting(ClientSettingNames.REQUIRE_DPOP_NONCE, true);
	}

	/** Self-contained ES256 access tokens that live {@link #ACCESS_TOKEN_TTL}; no refresh token is ever issued. */
	public static TokenSettings tokenSettings() {
		return TokenSettings.builder()
			.accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
			.accessTokenTimeToLive(ACCESS_TOKEN_TTL)
			.reuseRefreshTokens(false)
			.idTokenSignatureAlgorithm(SignatureAlgorithm.ES256)
			.build();
	}

	public static boolean isAgent(RegisteredClient client) {
		return client != null && ClientSettingNames.isAgent(client.getClientSettings());
	}

}
