package dev.unifiedauth.authserver.registration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class RedirectUrisTests {

	@ParameterizedTest
	@ValueSource(strings = { "https://app.example/callback", "https://app.example:8443/cb?x=1",
			"http://127.0.0.1/callback", "http://127.0.0.1:53111/callback", "http://[::1]/callback" })
	void checkWhenHttpsOrLoopbackHttpThenAccepted(String uri) {
		assertThatNoException().isThrownBy(() -> RedirectUris.check(uri));
	}

	@ParameterizedTest
	@ValueSource(strings = { "javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)",
			"http://app.example/cb", "http://localhost/cb", "http://127.0.0.2/cb", "https://app.example/cb#x",
			"https://app.example/cb#", "//app.example/cb", "https://app.example/c b", "https://app.example/\u0000",
			"ftp://app.example/cb", "" })
	void checkWhenAnythingElseThenInvalidRedirectUri(String uri) {
		// G14 (RFC 7591 §3.2.2); RFC 6749 §3.1.2; OAuth 2.1 §8.4.2
		assertThatExceptionOfType(RegistrationException.class).isThrownBy(() -> RedirectUris.check(uri))
			.matches((ex) -> ex.error().getErrorCode().equals("invalid_redirect_uri"));
	}

	@Test
	void checkWhenLongerThanTheLimitThenInvalidRedirectUri() {
		String uri = "https://app.example/" + "a".repeat(RedirectUris.MAX_LENGTH);

		assertThatExceptionOfType(RegistrationException.class).isThrownBy(() -> RedirectUris.check(uri));
	}

}
