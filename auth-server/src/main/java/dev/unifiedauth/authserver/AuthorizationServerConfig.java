package dev.unifiedauth.authserver;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.unifiedauth.authserver.accounts.ActiveAccounts;
import dev.unifiedauth.authserver.accounts.RoleGrants;
import dev.unifiedauth.authserver.accounts.UserAccounts;
import dev.unifiedauth.authserver.audit.AuditedConsent;
import dev.unifiedauth.authserver.audit.AuditedRevocation;
import dev.unifiedauth.authserver.audit.TokenIssuanceEvents;
import dev.unifiedauth.authserver.authorize.AuthorizationResponses;
import dev.unifiedauth.authserver.authorize.ConsentCsrfFilter;
import dev.unifiedauth.authserver.authorize.DPoPJktValidator;
import dev.unifiedauth.authserver.authorize.ExactRedirectUriValidator;
import dev.unifiedauth.authserver.authorize.PkceChallengeValidator;
import dev.unifiedauth.authserver.authorize.RoleScopedAuthorizationRequestConverter;
import dev.unifiedauth.authserver.authorize.StateLengthValidator;
import dev.unifiedauth.authserver.clients.ClientAssertionVerifier;
import dev.unifiedauth.authserver.clients.ClientAuthenticationMethods;
import dev.unifiedauth.authserver.clients.ClientSecretEncoder;
import dev.unifiedauth.authserver.clients.EnabledClients;
import dev.unifiedauth.authserver.delegation.PresentedTokens;
import dev.unifiedauth.authserver.delegation.TokenExchangeGrant;
import dev.unifiedauth.authserver.dpop.DPoPTokenBinding;
import dev.unifiedauth.authserver.errors.OAuthErrors;
import dev.unifiedauth.authserver.errors.StoreUnavailableFilter;
import dev.unifiedauth.authserver.metadata.ServerMetadata;
import dev.unifiedauth.authserver.resources.ResourceServers;
import dev.unifiedauth.authserver.revocation.RevokedTokens;
import dev.unifiedauth.authserver.token.AccessTokenClaims;
import dev.unifiedauth.authserver.token.AgentIdentityTokens;
import dev.unifiedauth.authserver.token.AgentTokenRevocation;
import dev.unifiedauth.authserver.token.IdTokenClaims;
import dev.unifiedauth.authserver.token.IntrospectionAccess;
import dev.unifiedauth.authserver.token.RefreshTokenLineage;
import dev.unifiedauth.authserver.token.TokenEndpointGrants;
import dev.unifiedauth.authserver.token.TokenHousekeeping;
import dev.unifiedauth.authserver.token.TokenEndpointRequestFilter;
import dev.unifiedauth.core.audit.AuditSink;
import dev.unifiedauth.core.dpop.DPoPProofVerifier;
import org.thymeleaf.ITemplateEngine;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AuthorizationCodeRequestAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The OAuth 2.1 authorization server: Spring Security's authorization-server module with the pieces this
 * server replaces or adds wired in. The protocol endpoints live in the first filter chain; the pages a browser
 * sees (login, consent, home) in {@code login.BrowserSecurityConfig}.
 *
 * <p>Which of Spring's parts are kept and which are replaced, and why, is in {@code docs/architecture.md}.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfig {

	@Bean
	AuthorizationServerSettings authorizationServerSettings(UnifiedAuthProperties properties) {
		return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
	}

	@Bean
	EnabledClients registeredClientRepository(JdbcTemplate jdbc) {
		return new EnabledClients(new JdbcRegisteredClientRepository(jdbc));
	}

	@Bean
	OAuth2AuthorizationService authorizationService(JdbcTemplate jdbc, RegisteredClientRepository clients) {
		return new JdbcOAuth2AuthorizationService(jdbc, clients);
	}

	@Bean
	OAuth2AuthorizationConsentService authorizationConsentService(JdbcTemplate jdbc,
			RegisteredClientRepository clients) {
		return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
	}

	/** Spring's client authentication uses the single {@link PasswordEncoder} bean for client secrets. */
	@Bean
	PasswordEncoder clientSecretEncoder() {
		return new ClientSecretEncoder();
	}

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> tokenClaims(ResourceServers resourceServers, UserAccounts accounts,
			AuditSink audit, Clock clock) {
		AccessTokenClaims accessTokens = new AccessTokenClaims(resourceServers);
		IdTokenClaims idTokens = new IdTokenClaims(accounts);
		AgentIdentityTokens agentIdentityTokens = new AgentIdentityTokens();
		DPoPTokenBinding dpopBinding = new DPoPTokenBinding();
		ActiveAccounts activeAccounts = new ActiveAccounts(accounts);
		TokenIssuanceEvents issuance = new TokenIssuanceEvents(audit, clock);
		return (context) -> {
			activeAccounts.customize(context);
			accessTokens.customize(context);
			agentIdentityTokens.customize(context);
			idTokens.customize(context);
			dpopBinding.customize(context);
			issuance.customize(context); // last: the claims are final
		};
	}

	/**
	 * Verifies this server's own access tokens where it acts as a resource (OpenID Connect UserInfo): RFC 9068
	 * {@code typ}, issuer and lifetime. Spring's default decoder would reject {@code at+jwt}, and without the
	 * algorithm it expects RS256 and rejects every token this server signs (ES256).
	 */
	@Bean
	JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource, UnifiedAuthProperties properties) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwkSource)
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
				new JwtTypeValidator(List.of(AccessTokenClaims.ACCESS_TOKEN_TYPE)), new JwtTimestampValidator(),
				new JwtIssuerValidator(properties.issuer())));
		return decoder;
	}

	@Bean
	RefreshTokenLineage refreshTokenLineage(JdbcTemplate jdbc, Clock clock) {
		return new RefreshTokenLineage(jdbc, clock);
	}

	@Bean
	TokenHousekeeping tokenHousekeeping(RefreshTokenLineage lineage, UnifiedAuthProperties properties) {
		return new TokenHousekeeping(lineage, properties.tokens().refreshTokenTtl());
	}

	@Bean
	FilterRegistrationBean<StoreUnavailableFilter> storeUnavailableFilter() {
		FilterRegistrationBean<StoreUnavailableFilter> registration = new FilterRegistrationBean<>(
				new StoreUnavailableFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	FilterRegistrationBean<TokenEndpointRequestFilter> tokenEndpointRequestFilter(
			AuthorizationServerSettings settings) {
		FilterRegistrationBean<TokenEndpointRequestFilter> registration = new FilterRegistrationBean<>(
				new TokenEndpointRequestFilter(Set.of(settings.getTokenEndpoint(),
						settings.getTokenIntrospectionEndpoint(), settings.getTokenRevocationEndpoint())));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerFilterChain(HttpSecurity http, AuthorizationServerSettings settings,
			UnifiedAuthProperties properties, RoleGrants roleGrants, RegisteredClientRepository clients,
			ITemplateEngine templates,
			OAuth2AuthorizationService authorizations, RefreshTokenLineage lineage, JdbcTemplate jdbc,
			TransactionTemplate transactions, TokenExchangeGrant tokenExchange, PresentedTokens presentedTokens,
			RevokedTokens revokedTokens, Clock clock, ClientAssertionVerifier clientAssertions,
			DPoPProofVerifier dpopProofs, AuditSink audit) {
		AuthorizationResponses responses = new AuthorizationResponses(properties.issuer(), templates);
		ServerMetadata metadata = new ServerMetadata(dpopProofs.algorithms());
		http.oauth2AuthorizationServer((server) -> {
			http.securityMatcher(server.getEndpointsMatcher());
			server.authorizationEndpoint((endpoint) -> endpoint
				.authorizationRequestConverters((converters) -> converters.replaceAll(
						(converter) -> (converter instanceof OAuth2AuthorizationCodeRequestAuthenticationConverter)
								? new RoleScopedAuthorizationRequestConverter(roleGrants, clients) : converter))
				.authenticationProviders((providers) -> {
					providers.forEach((provider) -> {
						if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider requests) {
							requests.setAuthenticationValidator(
									OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_REDIRECT_URI_VALIDATOR
										.andThen(new ExactRedirectUriValidator())
										.andThen(new StateLengthValidator())
										.andThen(OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR)
										.andThen(new PkceChallengeValidator())
										.andThen(new DPoPJktValidator()));
						}
					});
					providers.replaceAll((provider) ->
							(provider instanceof OAuth2AuthorizationConsentAuthenticationProvider consent)
									? new AuditedConsent(consent, audit, transactions, clock) : provider);
				})
				.authorizationResponseHandler(responses)
				.errorResponseHandler(responses)
				.consentPage("/oauth2/consent"));
			server.clientAuthentication(new ClientAuthenticationMethods(clientAssertions));
			server.tokenEndpoint(new TokenEndpointGrants(tokenExchange, authorizations, lineage, revokedTokens, jdbc,
					transactions, audit, clock));
			server.tokenIntrospectionEndpoint((endpoint) -> endpoint
				.authenticationProviders((providers) -> providers.replaceAll(
						(provider) -> (provider instanceof OAuth2TokenIntrospectionAuthenticationProvider introspection)
								? new IntrospectionAccess(introspection, presentedTokens) : provider))
				.errorResponseHandler(OAuthErrors.failureHandler()));
			server.tokenRevocationEndpoint((endpoint) -> endpoint
				.authenticationProviders((providers) -> providers.replaceAll(
						(provider) -> (provider instanceof OAuth2TokenRevocationAuthenticationProvider revocation)
								? new AuditedRevocation(new AgentTokenRevocation(revocation, authorizations,
										presentedTokens, revokedTokens, transactions, clock), presentedTokens,
										authorizations, audit, transactions, clock)
								: provider))
				.errorResponseHandler(OAuthErrors.failureHandler()));
			server.authorizationServerMetadataEndpoint((endpoint) -> endpoint
				.authorizationServerMetadataCustomizer((builder) -> builder.claims(metadata::customize)));
			server.oidc((oidc) -> oidc.providerConfigurationEndpoint((endpoint) -> endpoint
				.providerConfigurationCustomizer((builder) -> builder.claims(metadata::customizeOidc))));
		});
		http.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated());
		http.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()));
		RequestMatcher authorizationEndpoint = PathPatternRequestMatcher.withDefaults()
			.matcher(settings.getAuthorizationEndpoint());
		RequestMatcher clientEndpoints = new OrRequestMatcher(
				PathPatternRequestMatcher.withDefaults().matcher(settings.getTokenEndpoint()),
				PathPatternRequestMatcher.withDefaults().matcher(settings.getTokenIntrospectionEndpoint()),
				PathPatternRequestMatcher.withDefaults().matcher(settings.getTokenRevocationEndpoint()));
		http.exceptionHandling((exceptions) -> exceptions
			// RFC 6749 §5.2: a request without client authentication is invalid_client (401), as JSON
			.defaultAuthenticationEntryPointFor((request, response, exception) -> OAuthErrors.write(response,
					OAuthErrors.error(OAuth2ErrorCodes.INVALID_CLIENT, "Client authentication is required")),
					clientEndpoints)
			.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
					new OrRequestMatcher(authorizationEndpoint, htmlRequests())));
		http.addFilterAfter(new ConsentCsrfFilter(settings.getAuthorizationEndpoint()), CsrfFilter.class);
		return http.build();
	}

	private static RequestMatcher htmlRequests() {
		MediaTypeRequestMatcher matcher = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		matcher.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		return matcher;
	}

}
