package dev.unifiedauth.authserver.dpop;

import java.util.Collections;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request Spring sees after the DPoP filter has no {@code DPoP} header, however the name is spelled (header
 * names are case-insensitive, RFC 9110 §5.1), and keeps every other header. The filter's decisions are tested
 * through the real filter chain in {@link DPoPTokenEndpointTests}.
 */
final class DPoPTokenRequestFilterTests {

	@Test
	void withoutDPoPHeaderWhenAnySpellingThenHiddenAndOtherHeadersKept() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
		request.addHeader("DPoP", "proof-1");
		request.addHeader("dpop", "proof-2");
		request.addHeader("Authorization", "Basic abc");

		DPoPTokenRequestFilter.WithoutDPoPHeader hidden = new DPoPTokenRequestFilter.WithoutDPoPHeader(request);

		for (String name : new String[] { "DPoP", "dpop", "DPOP" }) {
			assertThat(hidden.getHeader(name)).isNull();
			assertThat(Collections.list(hidden.getHeaders(name))).isEmpty();
		}
		assertThat(Collections.list(hidden.getHeaderNames())).containsExactly("Authorization");
		assertThat(hidden.getHeader("Authorization")).isEqualTo("Basic abc");
	}

	@Test
	void withoutDPoPHeaderWhenAttributeSetThenSharedWithTheOriginalRequest() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
		DPoPTokenRequestFilter.WithoutDPoPHeader hidden = new DPoPTokenRequestFilter.WithoutDPoPHeader(request);

		request.setAttribute("a", "b");

		assertThat(hidden.getAttribute("a")).isEqualTo("b");
	}

}
