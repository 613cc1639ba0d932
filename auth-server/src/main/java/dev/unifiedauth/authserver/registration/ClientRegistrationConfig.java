package dev.unifiedauth.authserver.registration;

import java.time.Clock;

import dev.unifiedauth.authserver.UnifiedAuthProperties;
import dev.unifiedauth.authserver.accounts.UserAccounts;
import dev.unifiedauth.core.audit.AuditSink;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires client registration, with a filter chain of its own for {@code /oauth2/register} (ahead of the protocol
 * and browser chains). The endpoint authenticates its caller itself ({@link RegistrationAccess}), from the
 * {@code Authorization} header only: no session, no cookie, so no CSRF exposure.
 */
@Configuration(proxyBeanMethods = false)
class ClientRegistrationConfig {

	@Bean
	RegistrationAccess registrationAccess(RegistrationProperties properties, JwtDecoder jwtDecoder,
			OAuth2AuthorizationService authorizations, UserAccounts accounts) {
		return new RegistrationAccess(properties, jwtDecoder, authorizations, accounts);
	}

	@Bean
	ClientRegistrations clientRegistrations(RegisteredClientRepository clients, PasswordEncoder secrets,
			UnifiedAuthProperties properties, AuditSink audit, TransactionTemplate transactions, Clock clock) {
		return new ClientRegistrations(clients, secrets, properties, audit, transactions, clock);
	}

	@Bean
	@Order(0)
	SecurityFilterChain clientRegistrationFilterChain(HttpSecurity http) throws Exception {
		http.securityMatcher(ClientRegistrationEndpoint.PATH)
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
			// a bearer token in a header, which a browser never adds on its own: CSRF does not apply
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable());
		return http.build();
	}

}
