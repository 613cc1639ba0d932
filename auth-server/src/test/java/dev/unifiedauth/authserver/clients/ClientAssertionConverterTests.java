package dev.unifiedauth.authserver.clients;

import dev.unifiedauth.authserver.testing.ClientAssertions;
import dev.unifiedauth.authserver.testing.ClientAssertions.SigningKey;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ClientAssertionConverterTests {

	private static final SigningKey KEY = SigningKey.es256("k");

	private final ClientAssertionConverter converter = new ClientAssertionConverter();

	private final String assertion = ClientAssertions.assertion("agent-1", "https://as.example", KEY).build();

	static MockHttpServletRequest request(String grantType) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
		request.addParameter("grant_type", grantType);
		return request;
	}

	void assertError(MockHttpServletRequest request, String error) {
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> this.converter.convert(request))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo(error));
	}

	@Test
	void convertWhenNoAssertionThenLeavesTheRequestToTheNextConverter() {
		MockHttpServletRequest request = request("client_credentials");
		request.addParameter("client_id", "agent-1");
		request.addParameter("client_secret", "secret");

		assertThat(this.converter.convert(request)).isNull();
	}

	@Test
	void convertWhenClientIdOmittedThenTheClientIsTheAssertionsSubject() {
		// RFC 7521 §4.2: client_id is optional; the Nimbus OAuth SDK does not send it
		MockHttpServletRequest request = request("client_credentials");
		request.addParameter("client_assertion_type", ClientAssertions.TYPE);
		request.addParameter("client_assertion", this.assertion);

		OAuth2ClientAuthenticationToken token = (OAuth2ClientAuthenticationToken) this.converter.convert(request);

		assertThat(token.getPrincipal()).isEqualTo("agent-1");
		assertThat(token.getCredentials()).isEqualTo(this.assertion);
		assertThat(token.getClientAuthenticationMethod().getValue()).isEqualTo(ClientAssertions.TYPE);
		assertThat(token.isAuthenticated()).isFalse();
		assertThat(token.getAdditionalParameters()).isEmpty();
	}

	@Test
	void convertWhenClientIdMatchesTheSubjectThenAccepted() {
		MockHttpServletRequest request = request("client_credentials");
		request.addParameter("client_id", "agent-1");
		request.addParameter("client_assertion_type", ClientAssertions.TYPE);
		request.addParameter("client_assertion", this.assertion);

		assertThat(this.converter.convert(request).getPrincipal()).isEqualTo("agent-1");
	}

	@Test
	void convertWhenClientIdDiffersFromTheSubjectThenInvalidClient() {
		MockHttpServletRequest request = request("client_credentials");
		request.addParameter("client_id", "demo-backend");
		request.addParameter("client_assertion_type", ClientAssertions.TYPE);
		request.addParameter("client_assertion", this.assertion);

		assertError(request, "invalid_client");
	}

	@Test
	void convertWhenAssertionTypeMissingOrOtherThenInvalidClient() {
		// RFC 7521 §4.2.1
		MockHttpServletRequest missing = request("client_credentials");
		missing.addParameter("client_assertion", this.assertion);
		MockHttpServletRequest saml = request("client_credentials");
		saml.addParameter("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:saml2-bearer");
		saml.addParameter("client_assertion", this.assertion);

		assertError(missing, "invalid_client");
		assertError(saml, "invalid_client");
	}

	@Test
	void convertWhenAssertionMissingThenInvalidRequest() {
		MockHttpServletRequest request = request("client_credentials");
		request.addParameter("client_assertion_type", ClientAssertions.TYPE);

		assertError(request, "invalid_request");
	}

	@Test
	void convertWhenAssertionUnreadableOrWithoutSubjectThenInvalidClient() {
		MockHttpServletRequest garbage = request("client_credentials");
		garbage.addParameter("client_assertion_type", ClientAssertions.TYPE);
		garbage.addParameter("client_assertion", "not-a-jwt");
		MockHttpServletRequest noSubject = request("client_credentials");
		noSubject.addParameter("client_assertion_type", ClientAssertions.TYPE);
		noSubject.addParameter("client_assertion",
				ClientAssertions.assertion("agent-1", "https://as.example", KEY).subject(null).build());

		assertError(garbage, "invalid_client");
		assertError(noSubject, "invalid_client");
	}

	@Test
	void convertWhenCodeRedemptionThenTheCodeParametersGoAlongForThePkceCheck() {
		MockHttpServletRequest request = request("authorization_code");
		request.addParameter("code", "the-code");
		request.addParameter("code_verifier", "the-verifier");
		request.addParameter("redirect_uri", "https://app.example/cb");
		request.addParameter("client_assertion_type", ClientAssertions.TYPE);
		request.addParameter("client_assertion", this.assertion);

		OAuth2ClientAuthenticationToken token = (OAuth2ClientAuthenticationToken) this.converter.convert(request);

		assertThat(token.getAdditionalParameters()).containsEntry("code", "the-code")
			.containsEntry("code_verifier", "the-verifier")
			.containsEntry("grant_type", "authorization_code")
			.doesNotContainKeys("client_assertion", "client_assertion_type", "client_id");
	}

}
