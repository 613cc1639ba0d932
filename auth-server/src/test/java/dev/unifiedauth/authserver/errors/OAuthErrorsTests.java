package dev.unifiedauth.authserver.errors;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class OAuthErrorsTests {

	@Test
	void errorWhenDescriptionHasQuotesBackslashOrLineBreaksThenTheyAreReplaced() {
		String description = OAuthErrors.error("invalid_request", "bad \"state\"\r\nSet-Cookie: x\\y").getDescription();
		assertThat(description).doesNotContain("\"", "\\", "\r", "\n").isEqualTo("bad ?state???Set-Cookie: x?y");
	}

	@Test
	void errorWhenDescriptionIsLongThenTruncated() {
		assertThat(OAuthErrors.error("invalid_request", "x".repeat(1000)).getDescription()).hasSize(300);
	}

	@Test
	void statusOfWhenInvalidClientThen401UnavailableThen503OtherwiseBadRequest() {
		assertThat(OAuthErrors.statusOf("invalid_client")).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(OAuthErrors.statusOf("temporarily_unavailable")).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(OAuthErrors.statusOf("invalid_grant")).isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void writeWhenErrorThenJsonWithNoStoreAndStatus() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		OAuthErrors.write(response, OAuthErrors.error("invalid_client", "Client authentication failed"));
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
		assertThat(response.getHeader("WWW-Authenticate")).startsWith("Basic");
		assertThat(response.getContentAsString()).contains("\"error\":\"invalid_client\"")
			.contains("\"error_description\":\"Client authentication failed\"");
	}

	@Test
	void writeBearerChallengeWhenNoTokenPresentedThen401WithoutErrorInTheChallenge() throws Exception {
		// RFC 6750 §3.1: no error code when the request had no authentication information
		MockHttpServletResponse response = new MockHttpServletResponse();
		OAuthErrors.writeBearerChallenge(response, OAuthErrors.error("invalid_token", "A token is required"), false);
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"unified-auth\"");
		assertThat(response.getContentAsString()).contains("\"error\":\"invalid_token\"");
	}

	@Test
	void writeBearerChallengeWhenTokenPresentedThenTheChallengeNamesTheError() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		OAuthErrors.writeBearerChallenge(response, OAuthErrors.error("invalid_token", "Unknown token"), true);
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader("WWW-Authenticate"))
			.isEqualTo("Bearer realm=\"unified-auth\", error=\"invalid_token\"");
		assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
	}

	@Test
	void writeWhenExplicitStatusThenThatStatusAndNoChallenge() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		OAuthErrors.write(response, HttpStatus.PAYLOAD_TOO_LARGE,
				OAuthErrors.error("invalid_client_metadata", "Too large"), null);
		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(response.getHeader("WWW-Authenticate")).isNull();
		assertThat(response.getContentAsString()).contains("\"error\":\"invalid_client_metadata\"");
	}

}
