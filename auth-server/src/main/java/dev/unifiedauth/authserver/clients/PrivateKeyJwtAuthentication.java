package dev.unifiedauth.authserver.clients;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;

/**
 * {@code private_key_jwt} client authentication (RFC 7523 §2.2; OpenID Connect Core §9) against keys registered
 * inline. Replaces Spring's {@link JwtClientAssertionAuthenticationProvider} in the client authentication
 * provider list (an added provider that throws would be bypassed by {@code ProviderManager}), and keeps using it
 * for what it does right: finding the client, checking that it may use JWT assertions, and checking a confidential
 * client's PKCE {@code code_verifier} when a code is redeemed. Spring's decoder, which only fetches a
 * {@code jwks_uri}, is swapped for {@link ClientAssertionVerifier}; {@code client_secret_jwt} is not accepted. A
 * successful authentication is reported as {@code private_key_jwt}. Thread-safe.
 */
public final class PrivateKeyJwtAuthentication implements AuthenticationProvider {

	private final JwtClientAssertionAuthenticationProvider delegate;

	public PrivateKeyJwtAuthentication(JwtClientAssertionAuthenticationProvider delegate,
			ClientAssertionVerifier verifier) {
		this.delegate = delegate;
		this.delegate.setJwtDecoderFactory((client) -> (assertion) -> verifier.verify(assertion, client));
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		Authentication result = this.delegate.authenticate(authentication);
		if (result instanceof OAuth2ClientAuthenticationToken client && client.getRegisteredClient() != null) {
			return new OAuth2ClientAuthenticationToken(client.getRegisteredClient(),
					ClientAuthenticationMethod.PRIVATE_KEY_JWT, client.getCredentials());
		}
		return result;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
