package dev.unifiedauth.authserver.delegation;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * The token-exchange grant as the token endpoint takes it: its converter and its provider. Deliberately not an
 * {@link AuthenticationProvider} bean itself: Spring Security hands a lone provider bean to the global
 * authentication manager (the login form's), and a second one would silently unregister the login provider.
 *
 * @param converter reads requests
 * @param provider decides them
 */
public record TokenExchangeGrant(AuthenticationConverter converter, AuthenticationProvider provider) {
}
