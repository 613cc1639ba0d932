package dev.unifiedauth.authserver.login;

import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;

/**
 * Spring's BREACH-masked CSRF token handling, with a tampered token treated as a wrong token. Spring Security
 * 7.0.6's {@link XorCsrfTokenRequestAttributeHandler} throws {@link IllegalArgumentException} when an altered
 * token unmasks to bytes that are not UTF-8, which became a 500; here it resolves to no token, so the
 * {@code CsrfFilter} answers 403 as for any other wrong token (RFC 9700 §4.7). Used by the login form and the
 * consent page. Thread-safe.
 */
public final class XorCsrfTokenHandler implements CsrfTokenRequestHandler {

	private final XorCsrfTokenRequestAttributeHandler delegate = new XorCsrfTokenRequestAttributeHandler();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> csrfToken) {
		this.delegate.handle(request, response, csrfToken);
	}

	@Override
	public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
		try {
			return this.delegate.resolveCsrfTokenValue(request, csrfToken);
		}
		catch (IllegalArgumentException ex) {
			return null; // a tampered token: no token, hence 403
		}
	}

}
