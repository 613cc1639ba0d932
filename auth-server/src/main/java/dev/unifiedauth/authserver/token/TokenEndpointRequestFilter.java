package dev.unifiedauth.authserver.token;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.unifiedauth.authserver.errors.OAuthErrors;

import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rejects requests to the token, introspection and revocation endpoints that are not
 * {@code POST application/x-www-form-urlencoded}: other methods get 405 with {@code Allow: POST}
 * (RFC 6749 §3.2: "The client MUST use the HTTP POST method"), other content types 400
 * {@code invalid_request} (OAuth 2.1 §3.2.2). Without this a GET with the parameters in the query would reach
 * the login entry point, and a JSON body would be answered as if its parameters were missing. A repeated
 * parameter (RFC 6749 §3.1) or an empty {@code grant_type} (§3.1: "treated as if omitted") is
 * {@code invalid_request} too; Spring's client authentication would otherwise fail on a repeated {@code code}
 * with a 500. A body the container cannot read is answered here too, as OAuth JSON: 413 when it is over the form
 * limit, 400 {@code invalid_request} when it is not UTF-8.
 */
public final class TokenEndpointRequestFilter extends OncePerRequestFilter {

	/** Parameters their specifications allow more than once: RFC 8707 §2, RFC 8693 §2.1. */
	private static final Set<String> MULTI_VALUED = Set.of("resource", "audience");

	private final RequestMatcher endpoints;

	public TokenEndpointRequestFilter(Set<String> endpoints) {
		// Spring's own path matching, so that every path Spring's endpoints answer (e.g. /oauth2/%74oken) is seen here
		this.endpoints = new OrRequestMatcher(endpoints.stream()
			.map((path) -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(path))
			.toList());
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.endpoints.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!"POST".equals(request.getMethod())) {
			response.setStatus(HttpStatus.METHOD_NOT_ALLOWED.value());
			response.setHeader("Allow", "POST");
			response.setHeader("Cache-Control", "no-store");
			return;
		}
		if (!isForm(request.getContentType())) {
			// OAuth 2.1 §3.2.2
			OAuthErrors.write(response, OAuthErrors.error(OAuth2ErrorCodes.INVALID_REQUEST,
					"The request body must be application/x-www-form-urlencoded"));
			return;
		}
		try {
			request.getParameterMap();
		}
		catch (IllegalStateException ex) {
			// the container could not read the form: a body over the form limit (413, RFC 9110 §15.5.14; security
			// case G03), or bytes that are not UTF-8 after percent-decoding (security case G05)
			boolean tooLarge = ex instanceof InvalidParameterException invalid
					&& invalid.getErrorCode() == HttpStatus.CONTENT_TOO_LARGE.value();
			OAuthErrors.write(response, tooLarge ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST,
					OAuthErrors.error(OAuth2ErrorCodes.INVALID_REQUEST, tooLarge ? "The request body is too large"
							: "The request body is not a valid UTF-8 form"), null);
			return;
		}
		String invalid = invalidParameter(request);
		if (invalid != null) {
			// RFC 6749 §3.1
			OAuthErrors.write(response, OAuthErrors.error(OAuth2ErrorCodes.INVALID_REQUEST, invalid));
			return;
		}
		chain.doFilter(request, response);
	}

	private static String invalidParameter(HttpServletRequest request) {
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			if (parameter.getValue().length > 1 && !MULTI_VALUED.contains(parameter.getKey())) {
				return "Parameter " + parameter.getKey() + " must not be repeated";
			}
		}
		if ("".equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))) {
			return "Parameter grant_type is required";
		}
		return null;
	}

	private static boolean isForm(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			return MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(MediaType.parseMediaType(contentType));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
