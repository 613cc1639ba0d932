package dev.unifiedauth.authserver.authorize;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class PkceChallengeValidatorTests {

	private static final String VALID = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"; // RFC 7636 Appendix B

	private final PkceChallengeValidator validator = new PkceChallengeValidator();

	@Test
	void acceptWhenRfc7636ExampleChallengeThenValid() {
		assertThatNoException().isThrownBy(() -> this.validator.accept(context(VALID)));
	}

	@Test
	void acceptWhenNoChallengeThenLeftToSpringsRequiredCheck() {
		assertThatNoException().isThrownBy(() -> this.validator.accept(context(null)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c",
			"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cMx", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM",
			"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw/cM", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c=", "" })
	void acceptWhenChallengeIsNotA43CharBase64urlValueThenInvalidRequestRedirectedToClient(String challenge) {
		assertThatExceptionOfType(OAuth2AuthorizationCodeRequestAuthenticationException.class)
			.isThrownBy(() -> this.validator.accept(context(challenge)))
			.satisfies((ex) -> {
				assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_request");
				assertThat(ex.getAuthorizationCodeRequestAuthentication().getRedirectUri())
					.isEqualTo("http://127.0.0.1/callback");
			});
	}

	private static OAuth2AuthorizationCodeRequestAuthenticationContext context(String challenge) {
		RegisteredClient client = RegisteredClient.withId("1")
			.clientId("demo-web")
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("http://127.0.0.1/callback")
			.build();
		Map<String, Object> parameters = new HashMap<>();
		if (challenge != null) {
			parameters.put("code_challenge", challenge);
			parameters.put("code_challenge_method", "S256");
		}
		OAuth2AuthorizationCodeRequestAuthenticationToken request = new OAuth2AuthorizationCodeRequestAuthenticationToken(
				"http://localhost:9000/oauth2/authorize", "demo-web", new TestingAuthenticationToken("u", null),
				"http://127.0.0.1/callback", "state", null, parameters);
		return OAuth2AuthorizationCodeRequestAuthenticationContext.with(request).registeredClient(client).build();
	}

}
