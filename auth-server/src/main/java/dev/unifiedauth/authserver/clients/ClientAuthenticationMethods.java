package dev.unifiedauth.authserver.clients;

import dev.unifiedauth.authserver.errors.OAuthErrors;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2ClientAuthenticationConfigurer;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.PublicClientAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretBasicAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretPostAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.PublicClientAuthenticationConverter;

/**
 * The client authentication methods of the token, introspection and revocation endpoints:
 * {@code client_secret_basic}, {@code client_secret_post}, {@code private_key_jwt} (RFC 7523, keys registered
 * inline, single-use assertions) and {@code none} (public clients with PKCE). Spring's other methods (mTLS,
 * {@code client_secret_jwt}) are removed so that {@code ServerMetadata} tells the truth; a request that uses
 * two methods at once is refused (RFC 6749 §2.3).
 */
public final class ClientAuthenticationMethods implements Customizer<OAuth2ClientAuthenticationConfigurer> {

	private final ClientAssertionVerifier clientAssertions;

	public ClientAuthenticationMethods(ClientAssertionVerifier clientAssertions) {
		this.clientAssertions = clientAssertions;
	}

	@Override
	public void customize(OAuth2ClientAuthenticationConfigurer authentication) {
		authentication
			.authenticationConverters((converters) -> {
				converters.removeIf((converter) -> !(converter instanceof ClientSecretBasicAuthenticationConverter
						|| converter instanceof ClientSecretPostAuthenticationConverter
						|| converter instanceof PublicClientAuthenticationConverter));
				converters.add(0, new ClientAssertionConverter());
				converters.add(0, new SingleAuthenticationMethodConverter());
				converters.add(new PublicClientWithoutVerifierConverter());
			})
			.authenticationProviders((providers) -> {
				providers.removeIf((provider) -> !(provider instanceof ClientSecretAuthenticationProvider
						|| provider instanceof PublicClientAuthenticationProvider
						|| provider instanceof JwtClientAssertionAuthenticationProvider));
				providers.replaceAll((provider) -> (provider instanceof JwtClientAssertionAuthenticationProvider jwt)
						? new PrivateKeyJwtAuthentication(jwt, this.clientAssertions) : provider);
			})
			.errorResponseHandler(OAuthErrors.failureHandler());
	}

}
