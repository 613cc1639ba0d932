package dev.unifiedauth.resourceserver.access;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * One refusal, ready to be written: the status, the {@code WWW-Authenticate} challenge (RFC 9110 §11.6.1;
 * {@code null} when none applies), and the JSON body ({@code null} for none). Made only by {@link AccessErrors},
 * so that every refusal of the API has one shape. Immutable.
 *
 * @param status the HTTP status
 * @param code the error code ({@code invalid_token}, {@code insufficient_scope}, ...); {@code null} when the
 * request carried no credentials (RFC 6750 §3.1: no error code then)
 * @param description the error description, safe for a quoted-string
 * @param challenge the {@code WWW-Authenticate} value, or {@code null}
 * @param body the JSON members, in order, or {@code null} for an empty body
 * @param dpopNonce a fresh server nonce for the {@code DPoP-Nonce} header (RFC 9449 §9), or {@code null}
 */
record AccessError(HttpStatus status, String code, String description, String challenge, Map<String, Object> body,
		String dpopNonce) {

	AccessError {
		body = (body != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(body)) : null;
	}

	AccessError(HttpStatus status, String code, String description, String challenge, Map<String, Object> body) {
		this(status, code, description, challenge, body, null);
	}

}
