package dev.unifiedauth.authserver.token;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationToken;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes code redemption atomic. Spring's provider reads the authorization, checks that the code is still
 * active, issues tokens and saves; two concurrent redemptions can both see an active code. This decorator runs
 * it in one transaction that first locks the authorization's row, so the second redemption waits, then sees
 * the code used and is refused (and Spring revokes the tokens of the first, OAuth 2.1 §4.1.3). A refusal
 * commits what Spring saved before refusing (that revocation, or the invalidation of a code presented by
 * another client) instead of rolling it back. Replaces Spring's provider in the token endpoint.
 */
public final class SingleUseCodeRedemption implements AuthenticationProvider {

	private final OAuth2AuthorizationCodeAuthenticationProvider delegate;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	public SingleUseCodeRedemption(OAuth2AuthorizationCodeAuthenticationProvider delegate, JdbcTemplate jdbc,
			TransactionTemplate transactions) {
		this.delegate = delegate;
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2AuthorizationCodeAuthenticationToken redemption = (OAuth2AuthorizationCodeAuthenticationToken) authentication;
		Object outcome = this.transactions.execute((status) -> {
			this.jdbc.query("SELECT id FROM oauth2_authorization WHERE authorization_code_value = ? FOR UPDATE",
					(rs, row) -> rs.getString(1), redemption.getCode());
			try {
				return this.delegate.authenticate(authentication);
			}
			catch (OAuth2AuthenticationException ex) {
				return ex; // commit, e.g. the revocation of a reused code's tokens (OAuth 2.1 §4.1.3)
			}
		});
		if (outcome instanceof OAuth2AuthenticationException refused) {
			throw refused;
		}
		return (Authentication) outcome;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
