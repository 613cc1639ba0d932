package dev.unifiedauth.authserver.errors;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Creates and writes OAuth error responses. Every endpoint that answers with an OAuth error goes through
 * {@link #write}; every description is reduced to the characters RFC 6749 §5.2 allows
 * ({@code %x20-21 / %x23-5B / %x5D-7E}), so that no request input can inject quotes, backslashes or line
 * breaks into a response. Thread-safe.
 */
public final class OAuthErrors {

	/** The status for a store that is down (RFC 6749 has no code for it; pinned to 503). */
	public static final String TEMPORARILY_UNAVAILABLE = OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE;

	private static final Pattern UNSAFE = Pattern.compile("[^\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]");

	private static final OAuth2ErrorHttpMessageConverter CONVERTER = new OAuth2ErrorHttpMessageConverter();

	private OAuthErrors() {
	}

	public static OAuth2Error error(String code, String description) {
		return new OAuth2Error(code, safe(description), null);
	}

	public static OAuth2AuthenticationException exception(String code, String description) {
		return new OAuth2AuthenticationException(error(code, description));
	}

	/** RFC 6749 §5.2 status of an error code at the token, introspection and revocation endpoints. */
	public static HttpStatus statusOf(String code) {
		if (OAuth2ErrorCodes.INVALID_CLIENT.equals(code)) {
			return HttpStatus.UNAUTHORIZED;
		}
		if (OAuth2ErrorCodes.SERVER_ERROR.equals(code)) {
			return HttpStatus.INTERNAL_SERVER_ERROR;
		}
		if (TEMPORARILY_UNAVAILABLE.equals(code)) {
			return HttpStatus.SERVICE_UNAVAILABLE;
		}
		return HttpStatus.BAD_REQUEST;
	}

	/** Writes {@code {"error", "error_description"}} with the status that goes with the code. */
	public static void write(HttpServletResponse response, OAuth2Error error) throws IOException {
		HttpStatus status = statusOf(error.getErrorCode());
		write(response, status, error,
				HttpStatus.UNAUTHORIZED.equals(status) ? "Basic realm=\"unified-auth\"" : null);
	}

	/**
	 * Answers a request to an endpoint protected by a bearer token (RFC 6750 §3): 401, a {@code Bearer} challenge
	 * that names the error only when a token was presented (§3.1), and the error as JSON.
	 */
	public static void writeBearerChallenge(HttpServletResponse response, OAuth2Error error, boolean tokenPresented)
			throws IOException {
		String challenge = "Bearer realm=\"unified-auth\"";
		if (tokenPresented) {
			challenge += ", error=\"" + error.getErrorCode() + "\"";
		}
		write(response, HttpStatus.UNAUTHORIZED, error, challenge);
	}

	/** Writes {@code {"error", "error_description"}} with an explicit status and optional challenge. */
	public static void write(HttpServletResponse response, HttpStatus status, OAuth2Error error,
			String wwwAuthenticate) throws IOException {
		OAuth2Error sanitized = new OAuth2Error(error.getErrorCode(), safe(error.getDescription()), error.getUri());
		ServletServerHttpResponse httpResponse = new ServletServerHttpResponse(response);
		httpResponse.setStatusCode(status);
		httpResponse.getHeaders().setCacheControl("no-store");
		if (wwwAuthenticate != null) {
			httpResponse.getHeaders().set("WWW-Authenticate", wwwAuthenticate);
		}
		CONVERTER.write(sanitized, null, httpResponse);
	}

	/** A failure handler for endpoints whose failures are {@link OAuth2AuthenticationException}s. */
	public static AuthenticationFailureHandler failureHandler() {
		return (request, response, exception) -> write(response, toError(exception));
	}

	static OAuth2Error toError(AuthenticationException exception) {
		if (exception instanceof OAuth2AuthenticationException oauth) {
			OAuth2Error error = oauth.getError();
			if (error.getDescription() == null) {
				return new OAuth2Error(error.getErrorCode(), defaultDescription(error.getErrorCode()), error.getUri());
			}
			return error;
		}
		return new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, defaultDescription(OAuth2ErrorCodes.INVALID_CLIENT),
				null);
	}

	static String defaultDescription(String code) {
		return switch (code) {
			case OAuth2ErrorCodes.INVALID_CLIENT -> "Client authentication failed";
			case OAuth2ErrorCodes.INVALID_GRANT -> "The grant is invalid, expired, revoked or was issued to another client";
			case OAuth2ErrorCodes.INVALID_REQUEST -> "The request is missing a parameter or is malformed";
			case OAuth2ErrorCodes.INVALID_SCOPE -> "The requested scope is invalid or exceeds what was granted";
			case OAuth2ErrorCodes.UNAUTHORIZED_CLIENT -> "The client is not allowed to use this grant type";
			case OAuth2ErrorCodes.UNSUPPORTED_GRANT_TYPE -> "The grant type is not supported";
			case OAuth2ErrorCodes.INVALID_TOKEN -> "The token is invalid";
			default -> code;
		};
	}

	static String safe(String description) {
		if (description == null) {
			return null;
		}
		String cleaned = UNSAFE.matcher(description).replaceAll("?");
		return (cleaned.length() > 300) ? cleaned.substring(0, 300) : cleaned;
	}

}
