package dev.unifiedauth.authserver.clients;

import dev.unifiedauth.authserver.UnifiedAuthProperties;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The OAuth 2.1 profile every client is registered with: PKCE required (OAuth 2.1 §4.1.1), refresh tokens
 * rotated on every use (§4.3.1), self-contained ES256 access tokens, short-lived codes.
 */
public final class ClientDefaults {

	private ClientDefaults() {
	}

	public static ClientSettings.Builder clientSettings() {
		return ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true);
	}

	public static TokenSettings tokenSettings(UnifiedAuthProperties.Tokens tokens) {
		return TokenSettings.builder()
			.accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
			.accessTokenTimeToLive(tokens.accessTokenTtl())
			.refreshTokenTimeToLive(tokens.refreshTokenTtl())
			.authorizationCodeTimeToLive(tokens.authorizationCodeTtl())
			.reuseRefreshTokens(false)
			.idTokenSignatureAlgorithm(SignatureAlgorithm.ES256)
			.build();
	}

}
