package dev.unifiedauth.resourceserver.access;

import java.util.List;

import dev.unifiedauth.resourceserver.ResourceServerProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The API's filter chain: stateless, every {@code /api/**} call needs an access token whose scope covers the
 * operation ({@code documents:read} to list and read, {@code documents:create}, {@code documents:update},
 * {@code documents:delete}); the RFC 9728 metadata at {@code /.well-known/oauth-protected-resource} is public
 * and names the authorization server, and 401 responses point to it (RFC 9728 §5.1).
 */
@Configuration(proxyBeanMethods = false)
class ResourceServerSecurityConfig {

	@Bean
	JwtDecoder jwtDecoder(ResourceServerProperties properties) {
		return AccessTokenValidation.decoder(properties);
	}

	@Bean
	SecurityFilterChain apiFilterChain(HttpSecurity http, ResourceServerProperties properties) {
		http.authorizeHttpRequests((authorize) -> authorize
			.requestMatchers(HttpMethod.GET, "/api/documents", "/api/documents/*")
			.hasAuthority("SCOPE_documents:read")
			.requestMatchers(HttpMethod.POST, "/api/documents")
			.hasAuthority("SCOPE_documents:create")
			.requestMatchers(HttpMethod.PUT, "/api/documents/*")
			.hasAuthority("SCOPE_documents:update")
			.requestMatchers(HttpMethod.DELETE, "/api/documents/*")
			.hasAuthority("SCOPE_documents:delete")
			.requestMatchers("/", "/error")
			.permitAll()
			.anyRequest()
			.denyAll())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable()) // stateless API: no cookies, nothing for CSRF to ride on
			.cors((cors) -> cors.configurationSource(corsConfiguration(properties)))
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt((jwt) -> {
			}).protectedResourceMetadata((metadata) -> metadata.protectedResourceMetadataCustomizer((builder) -> builder
				.resource(properties.identifier())
				.authorizationServer(properties.issuer())
				.scopes((scopes) -> scopes.addAll(List.of("documents:read", "documents:create", "documents:update",
						"documents:delete")))
				.claims((claims) -> {
					claims.remove("tls_client_certificate_bound_access_tokens");
					claims.put("resource_signing_alg_values_supported", List.of("ES256"));
				}))));
		return http.build();
	}

	private static CorsConfigurationSource corsConfiguration(ResourceServerProperties properties) {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(properties.corsAllowedOrigins());
		configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
		configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "DPoP"));
		configuration.setExposedHeaders(List.of("WWW-Authenticate", "DPoP-Nonce"));
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/api/**", configuration);
		return source;
	}

}
