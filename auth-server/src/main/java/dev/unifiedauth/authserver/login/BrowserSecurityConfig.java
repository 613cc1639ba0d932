package dev.unifiedauth.authserver.login;

import java.util.stream.Collectors;

import dev.unifiedauth.authserver.UnifiedAuthProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The filter chain for everything a browser sees outside the protocol endpoints: the home page, the login form
 * (Spring's form login, CSRF-protected, throttled per account), the consent page and logout. Pages may only
 * load resources from this server; scripts may call the configured resource servers (the demo client page
 * does).
 */
@Configuration(proxyBeanMethods = false)
class BrowserSecurityConfig {

	@Bean
	@Order(2)
	SecurityFilterChain browserFilterChain(HttpSecurity http, UnifiedAuthProperties properties) {
		String resourceServers = properties.resourceServers()
			.stream()
			.map(UnifiedAuthProperties.ResourceServer::identifier)
			.collect(Collectors.joining(" "));
		http.authorizeHttpRequests((authorize) -> authorize
			.requestMatchers("/", "/login", "/error", "/css/**", "/js/**", "/favicon.ico", "/demo", "/demo/**")
			.permitAll()
			.anyRequest()
			.authenticated())
			.formLogin((form) -> form.loginPage("/login")
				.usernameParameter("email")
				.failureHandler(LoginConfig.loginFailureHandler())
				.permitAll())
			.csrf((csrf) -> csrf.csrfTokenRequestHandler(new XorCsrfTokenHandler()))
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout"))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(
					"default-src 'self'; connect-src 'self' " + resourceServers
							+ "; img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'")));
		return http.build();
	}

}
