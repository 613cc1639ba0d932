package dev.unifiedauth.resourceserver.access;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every {@code /api/} request with {@link AccessTokenAuthenticator}, in place of Spring Security's
 * resource-server support (whose DPoP handling in 7.0.6 cannot be configured: a static replay cache, no EdDSA,
 * {@code htu} from the request URL). A request without credentials goes on anonymous and is answered by the
 * entry point ({@link AccessErrors#noCredentials()}); a refused one is answered here, after its audit record,
 * and goes no further.
 */
final class AccessTokenAuthenticationFilter extends OncePerRequestFilter {

	private final RequestMatcher api;

	private final AccessTokenAuthenticator authenticator;

	private final AccessAudit audit;

	private final AccessErrors errors;

	private final SecurityContextHolderStrategy securityContext;

	AccessTokenAuthenticationFilter(RequestMatcher api, AccessTokenAuthenticator authenticator, AccessAudit audit,
			AccessErrors errors, SecurityContextHolderStrategy securityContext) {
		this.api = api;
		this.authenticator = authenticator;
		this.audit = audit;
		this.errors = errors;
		this.securityContext = securityContext;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.api.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		AccessToken token;
		try {
			token = this.authenticator.authenticate(request);
			if (token != null && token.scheme() == AuthorizationScheme.DPOP) {
				String nonce = this.authenticator.freshNonce();
				if (nonce != null) {
					response.setHeader(AccessErrors.DPOP_NONCE_HEADER, nonce); // RFC 9449 §9: for the next proof
				}
			}
			if (token != null) {
				SecurityContext context = this.securityContext.createEmptyContext();
				context.setAuthentication(new AccessTokenAuthentication(token));
				this.securityContext.setContext(context);
			}
		}
		catch (AccessRefusal refusal) {
			this.errors.write(response, audited(request, refusal));
			return;
		}
		chain.doFilter(request, response);
	}

	/** The refusal to answer with: a 401 is audited first; if that fails, the answer is 503. */
	private AccessError audited(HttpServletRequest request, AccessRefusal refusal) {
		if (refusal.error().status() != HttpStatus.UNAUTHORIZED) {
			return refusal.error();
		}
		try {
			this.audit.refusal(request, refusal);
			return refusal.error();
		}
		catch (AccessRefusal auditFailure) {
			return auditFailure.error();
		}
	}

}
