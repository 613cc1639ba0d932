package dev.unifiedauth.authserver.clients;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SingleAuthenticationMethodConverterTests {

	private final SingleAuthenticationMethodConverter converter = new SingleAuthenticationMethodConverter();

	@Test
	void convertWhenBasicAndSecretInBodyThenInvalidRequest() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
		request.addHeader("Authorization", "Basic ZGVtbzpzZWNyZXQ=");
		request.addParameter("client_secret", "secret");
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> this.converter.convert(request))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_request"));
	}

	@Test
	void convertWhenSecretAndAssertionThenInvalidRequest() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
		request.addParameter("client_secret", "secret");
		request.addParameter("client_assertion", "eyJ...");
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.converter.convert(request));
	}

	@Test
	void convertWhenOneMethodThenLeavesTheRequestToTheNextConverter() {
		MockHttpServletRequest basic = new MockHttpServletRequest("POST", "/oauth2/token");
		basic.addHeader("Authorization", "Basic ZGVtbzpzZWNyZXQ=");
		MockHttpServletRequest post = new MockHttpServletRequest("POST", "/oauth2/token");
		post.addParameter("client_id", "demo");
		post.addParameter("client_secret", "secret");
		assertThat(this.converter.convert(basic)).isNull();
		assertThat(this.converter.convert(post)).isNull();
		assertThat(this.converter.convert(new MockHttpServletRequest("POST", "/oauth2/token"))).isNull();
	}

}
