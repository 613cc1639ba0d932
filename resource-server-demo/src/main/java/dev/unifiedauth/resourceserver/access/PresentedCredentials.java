package dev.unifiedauth.resourceserver.access;

import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;

/**
 * The access token of a request and the scheme it came with, read from the one {@code Authorization} header
 * (RFC 6750 §2.1, RFC 9449 §7.1). Only the header is a way to present a token here: a token in the query or a
 * form body is refused (OAuth 2.1 §5.1; RFC 9449 §7.1), and so are two headers (RFC 9449 §7.2 Fig. 19: a client
 * must not send a Bearer and a DPoP token together). Immutable.
 *
 * @param scheme {@code Bearer} or {@code DPoP}
 * @param token the token68 value
 */
record PresentedCredentials(AuthorizationScheme scheme, String token) {

	/** RFC 9110 §11.2 token68. */
	private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

	/** The form and query parameter of RFC 6750 §2.2 and §2.3. */
	static final String ACCESS_TOKEN_PARAMETER = "access_token";

	/**
	 * @return the credentials, or {@code null} when the request presents none in a scheme this server uses
	 * @throws AccessRefusal for a request that presents a token in a way this server refuses
	 */
	static PresentedCredentials from(HttpServletRequest request, AccessErrors errors) {
		// the container parses the query and POST forms, Spring's FormContentFilter PUT, PATCH and DELETE forms
		if (request.getParameterValues(ACCESS_TOKEN_PARAMETER) != null) {
			// OAuth 2.1 §5.1 (never in the query), RFC 9449 §7.1; RFC 6750 §2.2 is not supported
			throw new AccessRefusal(errors.invalidRequest(
					"Access tokens are accepted in the Authorization header only, not in the query or the body"));
		}
		List<String> headers = Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION));
		if (headers.isEmpty()) {
			return null;
		}
		if (headers.size() > 1) {
			// RFC 9449 §7.2 Fig. 19, RFC 6750 §2: one method, one token per request
			throw new AccessRefusal(errors.invalidRequest("The request has more than one Authorization header"));
		}
		String value = headers.get(0).strip();
		int space = value.indexOf(' ');
		AuthorizationScheme scheme = AuthorizationScheme.of((space < 0) ? value : value.substring(0, space));
		if (scheme == null) {
			return null; // RFC 6750 §3.1: an unknown scheme is no credentials here
		}
		String token = (space < 0) ? "" : value.substring(space + 1).stripLeading(); // RFC 9110 §11.4: 1*SP
		if (token.isEmpty()) {
			throw new AccessRefusal(errors.invalidRequest("The Authorization header has no token"));
		}
		if (!TOKEN68.matcher(token).matches()) {
			throw new AccessRefusal(errors.invalidToken(scheme, "The access token is malformed"));
		}
		return new PresentedCredentials(scheme, token);
	}

	@Override
	public String toString() {
		return "PresentedCredentials[scheme=" + this.scheme + "]"; // never the token itself
	}

}
