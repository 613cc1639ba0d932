package dev.unifiedauth.authserver.decisions;

import java.time.Clock;

import dev.unifiedauth.authserver.delegation.PresentedTokens;
import dev.unifiedauth.authserver.errors.OAuthErrors;
import dev.unifiedauth.authserver.resources.ResourceServers;
import dev.unifiedauth.core.audit.AuditSink;
import dev.unifiedauth.core.policy.PermissionDecider;
import dev.unifiedauth.core.policy.PermissionPolicy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretBasicAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * The filter chain of the client-authenticated machine APIs — the decision endpoint, the approval check, the
 * revocation feed and the audit event delivery of resource servers, and the task API of the clients that start
 * tasks: stateless, clients authenticate with HTTP Basic through Spring's own client-secret authentication; the
 * PDP metadata is public.
 */
@Configuration(proxyBeanMethods = false)
class DecisionEndpointConfig {

	@Bean
	PermissionDecider permissionDecider(PermissionPolicy policy) {
		return new PermissionDecider(policy);
	}

	@Bean
	AccessEvaluations accessEvaluations(PresentedTokens tokens, PermissionDecider decider,
			ResourceServers resourceServers, AuditSink audit, Clock clock) {
		return new AccessEvaluations(tokens, decider, resourceServers, audit, clock);
	}

	@Bean
	@Order(0)
	SecurityFilterChain decisionFilterChain(HttpSecurity http, RegisteredClientRepository clients,
			OAuth2AuthorizationService authorizations, PasswordEncoder clientSecrets) {
		ClientSecretAuthenticationProvider provider = new ClientSecretAuthenticationProvider(clients, authorizations);
		provider.setPasswordEncoder(clientSecrets);
		AuthenticationFilter clientAuthentication = new AuthenticationFilter(new ProviderManager(provider),
				new ClientSecretBasicAuthenticationConverter());
		clientAuthentication.setSuccessHandler((request, response, authentication) -> {
		});
		clientAuthentication.setFailureHandler(OAuthErrors.failureHandler());
		http.securityMatchers((matchers) -> matchers
			.requestMatchers("/access/v1/**", "/.well-known/authzen-configuration", "/approvals/v1/**", "/tasks/v1/**",
					"/revocations/v1/**")
			.requestMatchers(HttpMethod.POST, "/audit/v1/events")) // resource servers deliver audit events
			.authorizeHttpRequests((authorize) -> authorize
				.requestMatchers(HttpMethod.GET, "/.well-known/authzen-configuration")
				.permitAll()
				.requestMatchers(HttpMethod.POST, "/access/v1/evaluation", "/access/v1/evaluations",
						"/approvals/v1/check", "/audit/v1/events", "/tasks/v1/revoke", "/tasks/v1/deadline")
				.authenticated()
				.requestMatchers(HttpMethod.GET, "/revocations/v1/events")
				.authenticated()
				.anyRequest()
				.denyAll())
			.csrf((csrf) -> csrf.disable()) // client-authenticated machine API, no cookies
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterBefore(clientAuthentication, BasicAuthenticationFilter.class)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint((request, response,
					exception) -> OAuthErrors.write(response, OAuthErrors.error(OAuth2ErrorCodes.INVALID_CLIENT,
							"Client authentication is required"))));
		return http.build();
	}

}
