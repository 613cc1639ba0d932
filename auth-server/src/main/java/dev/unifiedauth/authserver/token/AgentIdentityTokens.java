package dev.unifiedauth.authserver.token;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.unifiedauth.authserver.clients.AgentClients;
import dev.unifiedauth.authserver.errors.OAuthErrors;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * The token an agent gets for itself with {@code client_credentials}: its identity, to be presented as the
 * {@code actor_token} of a token exchange (RFC 8693 §2.1), never a key to a resource. Contract rule 3: "every
 * action traces to a human", so an agent alone holds no scope and its token's only audience is this server
 * ({@code aud = [issuer]}); it lives {@link AgentClients#ACCESS_TOKEN_TTL}. A DPoP proof with the request binds it
 * like any other token ({@code cnf.jkt}, RFC 9449 §6). Runs after {@link AccessTokenClaims}; tokens of other
 * clients and of other grants are left alone. Thread-safe.
 */
public final class AgentIdentityTokens implements OAuth2TokenCustomizer<JwtEncodingContext> {

	/**
	 * Refuses a {@code client_credentials} request of an agent that asks for scope: {@code invalid_scope}
	 * (RFC 6749 §5.2) rather than a silent narrowing, so the agent learns at once that it needs a token exchange.
	 * Runs after Spring's own scope validator.
	 */
	public static final Consumer<OAuth2ClientCredentialsAuthenticationContext> SCOPE_VALIDATOR = (context) -> {
		OAuth2ClientCredentialsAuthenticationToken request = context.getAuthentication();
		if (AgentClients.isAgent(context.getRegisteredClient()) && !request.getScopes().isEmpty()) {
			// RFC 6749 §5.2 invalid_scope; contract rule 3
			throw OAuthErrors.exception(OAuth2ErrorCodes.INVALID_SCOPE,
					"An agent gets no scope for itself; it acts for a human through token exchange");
		}
	};

	@Override
	public void customize(JwtEncodingContext context) {
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
				|| !AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())
				|| !AgentClients.isAgent(context.getRegisteredClient())) {
			return;
		}
		String issuer = context.getAuthorizationServerContext().getIssuer();
		context.getClaims().claims((claims) -> {
			claims.remove(OAuth2ParameterNames.SCOPE);
			claims.put(JwtClaimNames.AUD, new ArrayList<>(List.of(issuer)));
			if (claims.get(JwtClaimNames.IAT) instanceof Instant issuedAt
					&& claims.get(JwtClaimNames.EXP) instanceof Instant expiresAt
					&& expiresAt.isAfter(issuedAt.plus(AgentClients.ACCESS_TOKEN_TTL))) {
				claims.put(JwtClaimNames.EXP, issuedAt.plus(AgentClients.ACCESS_TOKEN_TTL));
			}
		});
	}

}
