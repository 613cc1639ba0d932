package dev.unifiedauth.resourceserver.access;

import java.time.Clock;
import java.util.List;

import dev.unifiedauth.core.audit.AuditSink;
import dev.unifiedauth.core.dpop.DPoPProofVerifier;
import dev.unifiedauth.core.policy.PermissionDecider;
import dev.unifiedauth.resourceserver.ResourceServerProperties;
import dev.unifiedauth.resourceserver.approvals.ApprovalClient;
import dev.unifiedauth.resourceserver.revocation.RevocationStatus;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The API's filter chain: stateless; every {@code /api/**} request is authenticated by
 * {@link AccessTokenAuthenticationFilter} (Bearer or DPoP, RFC 6750 / RFC 9449 §7) and every handler's operation
 * decided by {@link TierEnforcement}; the RFC 9728 metadata is public; anything else is refused. Requests without
 * credentials get 401 with both challenges and the metadata URL (RFC 9728 §5.1). Spring Security's own
 * resource-server support is not used.
 */
@Configuration(proxyBeanMethods = false)
class ResourceServerSecurityConfig {

	static final String API = "/api/**";

	private final SecurityContextHolderStrategy securityContext = SecurityContextHolder.getContextHolderStrategy();

	@Bean
	JwtDecoder jwtDecoder(ResourceServerProperties properties) {
		return AccessTokenValidation.decoder(properties);
	}

	@Bean
	AccessErrors accessErrors(ResourceServerProperties properties, DPoPProofVerifier proofs, JsonMapper json) {
		return new AccessErrors(ProtectedResourceMetadataController.metadataUri(properties.identifier()),
				proofs.algorithms(), json);
	}

	@Bean
	AccessAudit accessAudit(AuditSink sink, ResourceServerProperties properties, AccessErrors errors, Clock clock) {
		return new AccessAudit(sink, properties.identifier(), errors, clock);
	}

	@Bean
	AccessDecisions accessDecisions(PermissionDecider decider, ApprovalClient approvals, AccessAudit audit,
			AccessErrors errors) {
		return new AccessDecisions(decider, approvals, audit, errors);
	}

	@Bean
	TierEnforcement tierEnforcement(AccessDecisions decisions, AccessErrors errors) {
		return new TierEnforcement(decisions, errors, this.securityContext);
	}

	/** First of all filters: bodies are bounded before the form filter or anything else reads them. */
	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(ResourceServerProperties properties,
			AccessErrors errors) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(properties.maxRequestBodySize().toBytes(), errors));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	SecurityFilterChain apiFilterChain(HttpSecurity http, ResourceServerProperties properties, JwtDecoder decoder,
			DPoPProofVerifier proofs, AccessErrors errors, AccessAudit audit, RevocationStatus revocations,
			ServerNonces nonces) {
		RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher(API);
		AccessTokenAuthenticator authenticator = new AccessTokenAuthenticator(decoder, proofs, properties.baseUrl(),
				errors, revocations, nonces);
		http.securityMatcher("/**")
			.authorizeHttpRequests((authorize) -> authorize.requestMatchers(api)
				.authenticated()
				.requestMatchers(ProtectedResourceMetadataController.WELL_KNOWN, "/error")
				.permitAll()
				.anyRequest()
				.denyAll())
			.addFilterBefore(new AccessTokenAuthenticationFilter(api, authenticator, audit, errors,
					this.securityContext), AnonymousAuthenticationFilter.class)
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint((request, response, ex) -> errors.write(response, errors.noCredentials()))
				.accessDeniedHandler((request, response, ex) -> errors.write(response,
						errors.plain(HttpStatus.FORBIDDEN, "access_denied", "Nothing is served here"))))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.logout((logout) -> logout.disable())
			.csrf((csrf) -> csrf.disable()) // stateless API: no cookies, nothing for CSRF to ride on
			.cors((cors) -> cors.configurationSource(corsConfiguration(properties)));
		return http.build();
	}

	private static CorsConfigurationSource corsConfiguration(ResourceServerProperties properties) {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(properties.corsAllowedOrigins());
		configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
		configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "DPoP"));
		configuration.setExposedHeaders(List.of("WWW-Authenticate", "DPoP-Nonce"));
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration(API, configuration);
		return source;
	}

}
