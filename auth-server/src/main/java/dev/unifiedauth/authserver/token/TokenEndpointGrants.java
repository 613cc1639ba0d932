package dev.unifiedauth.authserver.token;

import java.time.Clock;

import dev.unifiedauth.authserver.audit.TransactionalProvider;
import dev.unifiedauth.authserver.delegation.TokenExchangeGrant;
import dev.unifiedauth.authserver.errors.OAuthErrors;
import dev.unifiedauth.authserver.revocation.RevokedTokens;
import dev.unifiedauth.core.audit.AuditSink;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2TokenEndpointConfigurer;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AuthorizationCodeAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2RefreshTokenAuthenticationConverter;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The grants of the token endpoint: {@code authorization_code} (single-use redemption), {@code refresh_token}
 * (rotation with reuse detection), {@code client_credentials} (agent identity tokens only) and this server's
 * RFC 8693 token exchange, which replaces Spring's. Every other grant Spring offers (device code, its own
 * token exchange) is removed, so that the metadata's {@code grant_types_supported} is the whole list.
 */
public final class TokenEndpointGrants implements Customizer<OAuth2TokenEndpointConfigurer> {

	private final TokenExchangeGrant tokenExchange;

	private final OAuth2AuthorizationService authorizations;

	private final RefreshTokenLineage lineage;

	private final RevokedTokens revokedTokens;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final AuditSink audit;

	private final Clock clock;

	public TokenEndpointGrants(TokenExchangeGrant tokenExchange, OAuth2AuthorizationService authorizations,
			RefreshTokenLineage lineage, RevokedTokens revokedTokens, JdbcTemplate jdbc,
			TransactionTemplate transactions, AuditSink audit, Clock clock) {
		this.tokenExchange = tokenExchange;
		this.authorizations = authorizations;
		this.lineage = lineage;
		this.revokedTokens = revokedTokens;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	public void customize(OAuth2TokenEndpointConfigurer endpoint) {
		endpoint
			.accessTokenRequestConverters((converters) -> {
				converters.removeIf((converter) -> !(converter instanceof OAuth2AuthorizationCodeAuthenticationConverter
						|| converter instanceof OAuth2RefreshTokenAuthenticationConverter
						|| converter instanceof OAuth2ClientCredentialsAuthenticationConverter));
				converters.add(this.tokenExchange.converter()); // replaces Spring's (RFC 8693)
			})
			.authenticationProviders((providers) -> {
				providers.removeIf((provider) -> !(provider instanceof OAuth2AuthorizationCodeAuthenticationProvider
						|| provider instanceof OAuth2RefreshTokenAuthenticationProvider
						|| provider instanceof OAuth2ClientCredentialsAuthenticationProvider));
				providers.replaceAll(this::decorate);
				providers.add(this.tokenExchange.provider());
			})
			.errorResponseHandler(OAuthErrors.failureHandler());
	}

	private AuthenticationProvider decorate(AuthenticationProvider provider) {
		if (provider instanceof OAuth2AuthorizationCodeAuthenticationProvider codes) {
			return new SingleUseCodeRedemption(codes, this.authorizations, this.revokedTokens, this.jdbc,
					this.transactions, this.audit, this.clock);
		}
		if (provider instanceof OAuth2RefreshTokenAuthenticationProvider refreshes) {
			return new RefreshTokenRotation(refreshes, this.authorizations, this.lineage, this.revokedTokens,
					this.jdbc, this.transactions, this.audit, this.clock);
		}
		if (provider instanceof OAuth2ClientCredentialsAuthenticationProvider clientCredentials) {
			clientCredentials.setAuthenticationValidator(
					OAuth2ClientCredentialsAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR
						.andThen(AgentIdentityTokens.SCOPE_VALIDATOR));
			// the token.issued entry commits with the stored authorization
			return new TransactionalProvider(clientCredentials, this.transactions);
		}
		return provider;
	}

}
