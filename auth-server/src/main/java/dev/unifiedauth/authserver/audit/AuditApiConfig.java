package dev.unifiedauth.authserver.audit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;

/**
 * The filter chain of the audit API for people: {@code /audit/v1/**} except the resource servers' delivery
 * ({@code POST /audit/v1/events}, which is in the client-authenticated chain of {@code decisions}). Stateless,
 * bearer or DPoP access tokens of this server (RFC 6750, RFC 9449 §7), verified by the server's JWT decoder.
 */
@Configuration(proxyBeanMethods = false)
class AuditApiConfig {

	static final String EVENTS = "/audit/v1/events";

	static final String VERIFY = "/audit/v1/verify";

	@Bean
	@Order(0)
	SecurityFilterChain auditApiFilterChain(HttpSecurity http) {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		http.securityMatcher(new AndRequestMatcher(paths.matcher("/audit/v1/**"),
				new NegatedRequestMatcher(paths.matcher(HttpMethod.POST, EVENTS))))
			.authorizeHttpRequests((authorize) -> authorize.requestMatchers(HttpMethod.GET, EVENTS, VERIFY)
				.authenticated()
				.anyRequest()
				.denyAll())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()))
			.csrf((csrf) -> csrf.disable()) // tokens in a header, no cookies
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable());
		return http.build();
	}

}
