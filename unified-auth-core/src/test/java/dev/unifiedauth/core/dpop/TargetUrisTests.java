package dev.unifiedauth.core.dpop;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code htu} comparison (RFC 9449 §4.3 (9) and its normalization note; RFC 3986 §6.2.2, §6.2.3).
 */
final class TargetUrisTests {

	private static final String TOKEN = "https://as.example.com/oauth2/token";

	@ParameterizedTest
	@ValueSource(strings = { "https://as.example.com/oauth2/token", "https://as.example.com/oauth2/token?a=b",
			"https://as.example.com/oauth2/token#frag", "https://as.example.com/oauth2/token?#",
			"HTTPS://AS.EXAMPLE.COM/oauth2/token", "https://as.example.com:443/oauth2/token",
			"https://as.example.com/oauth2/%74%6F%6Ben", "https://as.example.com/oauth2/./token",
			"https://as.example.com/x/../oauth2/token" })
	void matchesWhenSameResourceAfterNormalizationThenTrue(String htu) {
		assertThat(TargetUris.matches(htu, TOKEN)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://as.example.com/oauth2/token/", "https://as.example.com/OAUTH2/token",
			"http://as.example.com/oauth2/token", "https://as.example.com:80/oauth2/token",
			"https://as.example.com:8443/oauth2/token", "https://as.example.com.evil/oauth2/token",
			"https://evil@as.example.com/oauth2/token", "//as.example.com/oauth2/token", "/oauth2/token",
			"ftp://as.example.com/oauth2/token", "https://as.example.com/oauth2/token%2F", "https:///oauth2/token",
			"https://as.example.com/oauth2/to ken", "" })
	void matchesWhenAnotherResourceOrNotAnAbsoluteHttpUriThenFalse(String htu) {
		assertThat(TargetUris.matches(htu, TOKEN)).isFalse();
	}

	@ParameterizedTest
	@CsvSource({ "http://localhost:9000/oauth2/token, http://localhost:9000/oauth2/token",
			"http://LOCALHOST:80, http://localhost/", "https://[::1]:443/a/%7e%2f, https://[::1]/a/~%2F" })
	void normalizeWhenEquivalentFormsThenOneForm(String uri, String normalized) {
		assertThat(TargetUris.normalize(uri)).isEqualTo(normalized);
	}

}
