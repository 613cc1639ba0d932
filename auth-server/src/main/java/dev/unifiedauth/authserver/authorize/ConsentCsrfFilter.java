package dev.unifiedauth.authserver.authorize;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.unifiedauth.authserver.login.XorCsrfTokenHandler;

import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requires the session's CSRF token on consent submissions. Spring's authorization-server configuration
 * exempts its endpoints from CSRF protection and relies on the consent {@code state}; we require both, so that
 * a consent POST without the token of the logged-in session is refused with 403 and no code (RFC 9700 §4.7).
 * Uses the same session token repository as the consent page, through Spring's own {@link CsrfFilter}.
 */
public final class ConsentCsrfFilter extends OncePerRequestFilter {

	private final CsrfFilter csrf;

	public ConsentCsrfFilter(String authorizationEndpoint) {
		RequestMatcher post = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, authorizationEndpoint);
		// the same test Spring uses to tell a consent submission from a POSTed authorization request
		RequestMatcher consentSubmission = (request) -> post.matches(request)
				&& request.getParameter(OAuth2ParameterNames.RESPONSE_TYPE) == null
				&& request.getParameter(OAuth2ParameterNames.REQUEST_URI) == null
				&& request.getParameter(OAuth2ParameterNames.REDIRECT_URI) == null
				&& request.getParameter(PkceParameterNames.CODE_CHALLENGE) == null
				&& request.getParameter(PkceParameterNames.CODE_CHALLENGE_METHOD) == null;
		this.csrf = new CsrfFilter(new HttpSessionCsrfTokenRepository());
		this.csrf.setRequireCsrfProtectionMatcher(consentSubmission);
		this.csrf.setRequestHandler(new XorCsrfTokenHandler());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		this.csrf.doFilter(request, response, chain);
	}

}
