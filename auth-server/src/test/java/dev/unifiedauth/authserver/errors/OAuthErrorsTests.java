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

}
