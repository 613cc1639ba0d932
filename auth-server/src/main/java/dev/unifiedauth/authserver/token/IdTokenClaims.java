package dev.unifiedauth.authserver.token;

import java.util.Set;

import dev.unifiedauth.authserver.accounts.UserAccounts;

import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Adds the standard claims the {@code profile} and {@code email} scopes ask for to ID tokens (OpenID Connect
 * Core §5.4); Spring's UserInfo endpoint answers from the ID token, so these are also what UserInfo returns.
 */
public final class IdTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

	private final UserAccounts accounts;

	public IdTokenClaims(UserAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (context.getTokenType() == null || !OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
			return;
		}
		Set<String> scopes = context.getAuthorizedScopes();
		if (!scopes.contains(OidcScopes.PROFILE) && !scopes.contains(OidcScopes.EMAIL)) {
			return;
		}
		this.accounts.findById(context.getPrincipal().getName()).ifPresent((account) -> {
			if (scopes.contains(OidcScopes.PROFILE)) {
				context.getClaims().claim("name", account.displayName());
			}
			if (scopes.contains(OidcScopes.EMAIL)) {
				context.getClaims().claim("email", account.email());
				context.getClaims().claim("email_verified", Boolean.FALSE);
			}
		});
	}

}
