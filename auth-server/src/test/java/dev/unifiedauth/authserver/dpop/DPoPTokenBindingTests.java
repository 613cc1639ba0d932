package dev.unifiedauth.authserver.dpop;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import dev.unifiedauth.authserver.clients.ClientSettingNames;
import dev.unifiedauth.core.dpop.DPoPProof;
import dev.unifiedauth.core.testing.ProofKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code cnf.jkt} on access tokens issued with a verified proof (RFC 9449 §6.1), and no access token without one
 * for a client that requires DPoP (§5.2).
 */
final class DPoPTokenBindingTests {

	private static final ProofKey KEY = ProofKey.es256();

	private final DPoPTokenBinding binding = new DPoPTokenBinding();

	@AfterEach
	void clearRequest() {
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void customizeWhenRequestCarriesAVerifiedProofThenAccessTokenBoundToItsKey() {
		inRequestWith(proof());
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder().subject("client");

		this.binding.customize(context(OAuth2TokenType.ACCESS_TOKEN, client(false), claims));

		Object cnf = claims.build().getClaims().get("cnf");
		assertThat(cnf).isInstanceOf(HashMap.class).isEqualTo(Map.of("jkt", KEY.thumbprint()));
	}

	@Test
	void customizeWhenNotAnAccessTokenThenNotBound() {
		inRequestWith(proof());
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder().subject("alice");

		this.binding.customize(context(new OAuth2TokenType("id_token"), client(false), claims));

		assertThat(claims.build().getClaims()).doesNotContainKey("cnf");
	}

	@Test
	void customizeWhenRequestCarriesNoProofThenNotBound() {
		inRequestWith(null);
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder().subject("client");

		this.binding.customize(context(OAuth2TokenType.ACCESS_TOKEN, client(false), claims));

		assertThat(claims.build().getClaims()).doesNotContainKey("cnf");
	}

	@Test
	void customizeWhenClientRequiresDPoPAndNoProofThenInvalidDPoPProof() {
		inRequestWith(null);

		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.binding.customize(context(OAuth2TokenType.ACCESS_TOKEN, client(true),
					JwtClaimsSet.builder().subject("client"))))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_dpop_proof"));
	}

	@Test
	void currentProofWhenOutsideARequestThenNone() {
		assertThat(DPoPTokenBinding.currentProof()).isNull();
	}

	private static DPoPProof proof() {
		return new DPoPProof(KEY.thumbprint(), KEY.publicKey(), "jti-1", Instant.now());
	}

	private static void inRequestWith(DPoPProof proof) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
		if (proof != null) {
			request.setAttribute(DPoPProof.REQUEST_ATTRIBUTE, proof);
		}
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
	}

	private static RegisteredClient client(boolean dpopBound) {
		return RegisteredClient.withId("id")
			.clientId("client")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.clientSettings(ClientSettings.builder().setting(ClientSettingNames.DPOP_BOUND_ACCESS_TOKENS, dpopBound).build())
			.build();
	}

	private static JwtEncodingContext context(OAuth2TokenType type, RegisteredClient client,
			JwtClaimsSet.Builder claims) {
		return JwtEncodingContext.with(JwsHeader.with(SignatureAlgorithm.ES256), claims)
			.registeredClient(client)
			.principal(new TestingAuthenticationToken("client", null))
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenType(type)
			.build();
	}

}
