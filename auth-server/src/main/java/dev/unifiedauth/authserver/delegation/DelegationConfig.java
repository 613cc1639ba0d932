package dev.unifiedauth.authserver.delegation;

import java.time.Clock;

import dev.unifiedauth.authserver.UnifiedAuthProperties;
import dev.unifiedauth.authserver.resources.ResourceServers;
import dev.unifiedauth.core.audit.AuditSink;
import dev.unifiedauth.core.policy.PermissionPolicy;
import dev.unifiedauth.core.revocation.RevocationLog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The token-exchange grant's parts; the provider is put into the token endpoint by
 * {@code AuthorizationServerConfig}.
 */
@Configuration(proxyBeanMethods = false)
class DelegationConfig {

	@Bean
	DelegatedTokens delegatedTokens(JdbcTemplate jdbc) {
		return new DelegatedTokens(jdbc);
	}

	@Bean
	Tasks tasks(JdbcTemplate jdbc) {
		return new Tasks(jdbc);
	}

	@Bean
	PresentedTokens presentedTokens(JwtDecoder jwtDecoder, OAuth2AuthorizationService authorizations,
			DelegatedTokens delegatedTokens, RevocationLog revocations, Clock clock) {
		return new PresentedTokens(jwtDecoder, authorizations, delegatedTokens, revocations, clock);
	}

	@Bean
	TokenExchangeGrant tokenExchangeGrant(PresentedTokens presentedTokens, PermissionPolicy policy,
			ResourceServers resourceServers, DelegationProperties properties, JwtEncoder jwtEncoder,
			UnifiedAuthProperties server, DelegatedTokens delegatedTokens, Tasks tasks,
			RegisteredClientRepository clients, AuditSink audit, TransactionTemplate transactions, Clock clock) {
		return new TokenExchangeGrant(new TokenExchangeRequestConverter(), new TokenExchangeProvider(presentedTokens,
				new Attenuation(policy, resourceServers, properties.agentTokenTtl(), properties.maxDepth()),
				new DelegatedTokenSigner(jwtEncoder, server.issuer()), delegatedTokens, tasks, clients, audit,
				transactions,
				clock));
	}

}
