package dev.unifiedauth.authserver.accounts;

import dev.unifiedauth.authserver.errors.OAuthErrors;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Issues nothing for a human whose account is disabled or gone: the authorization-code and refresh grants (and a
 * browser session that outlived the account) end in {@code invalid_grant} (RFC 6749 §5.2) instead of new tokens.
 * Tokens issued before the account was disabled are stopped by the revocation feed. One read per token issued
 * for a human.
 */
public final class ActiveAccounts implements OAuth2TokenCustomizer<JwtEncodingContext> {

	private final UserAccounts accounts;

	public ActiveAccounts(UserAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (context.getPrincipal() instanceof UsernamePasswordAuthenticationToken human) {
			boolean active = this.accounts.findById(human.getName()).map(UserAccount::enabled).orElse(false);
			if (!active) {
				throw OAuthErrors.exception(OAuth2ErrorCodes.INVALID_GRANT, "The account is disabled");
			}
		}
	}

}
