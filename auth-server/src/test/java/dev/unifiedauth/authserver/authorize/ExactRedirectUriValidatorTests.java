package dev.unifiedauth.authserver.authorize;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only the port of a loopback IP literal may differ from the registered redirect URI (OAuth 2.1 §8.4.2).
 */
final class ExactRedirectUriValidatorTests {

	@ParameterizedTest
	@CsvSource({ "http://127.0.0.1/cb, http://127.0.0.1:53111/cb, true",
			"http://127.0.0.1:8080/cb, http://127.0.0.1:53111/cb, true",
			"http://127.0.0.1:8080/cb, http://127.0.0.1/cb, true", "http://[::1]/cb, http://[::1]:53111/cb, true",
			"http://127.0.0.1, http://127.0.0.1:53111, true", "http://127.0.0.1/cb, http://127.0.0.1:53111/cb?, false",
			"http://127.0.0.1/cb, http://127.0.0.1:53111/cb#, false",
			"http://127.0.0.1/cb, http://127.0.0.1:/cb, false", "http://127.0.0.1/cb, https://127.0.0.1:53111/cb, false",
			"http://127.0.0.1/cb, HTTP://127.0.0.1:53111/cb, false",
			"http://127.0.0.1/cb, http://127.0.0.2:53111/cb, false",
			"http://127.0.0.1/cb, http://localhost:53111/cb, false",
			"http://localhost/cb, http://localhost:53111/cb, false",
			"https://app.example/cb, https://app.example:8443/cb, false" })
	void sameExceptLoopbackPortWhenComparedThenOnlyALoopbackPortMayDiffer(String registered, String requested,
			boolean same) {
		assertThat(ExactRedirectUriValidator.sameExceptLoopbackPort(registered, requested)).isEqualTo(same);
	}

}
