package dev.unifiedauth.authserver.errors;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class StoreUnavailableFilterTests {

	private final StoreUnavailableFilter filter = new StoreUnavailableFilter();

	@Test
	void doFilterWhenDatabaseFailsBelowThenServiceUnavailableJson() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(new MockHttpServletRequest("POST", "/oauth2/token"), response, (req, res) -> {
			throw new DataAccessResourceFailureException("connection refused");
		});
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getContentAsString()).contains("\"error\":\"temporarily_unavailable\"")
			.doesNotContain("connection refused");
	}

	@Test
	void doFilterWhenOtherFailureThenRethrown() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.filter.doFilter(new MockHttpServletRequest("GET", "/"), new MockHttpServletResponse(),
					(req, res) -> {
						throw new IllegalStateException("bug");
					}));
	}

}
