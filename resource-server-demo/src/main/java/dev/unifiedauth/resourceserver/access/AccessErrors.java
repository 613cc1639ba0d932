package dev.unifiedauth.resourceserver.access;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Every refusal of the API, in one place: the status, the error code of the RFC that defines it, the
 * {@code WWW-Authenticate} challenge and the JSON body {@code {"error", "error_description", ...}}.
 * <ul>
 * <li>401 challenges name the scheme the token was presented with, {@code algs} for DPoP (RFC 9449 §7.1) and
 * {@code resource_metadata} (RFC 9728 §5.1).</li>
 * <li>403 {@code insufficient_scope} carries the missing {@code scope} for step-up (RFC 6750 §3.1).</li>
 * <li>Descriptions are reduced to the characters RFC 6749 §5.2 allows ({@code %x20-21 / %x23-5B / %x5D-7E}), so
 * that nothing a client sent can break out of a quoted-string or a header line.</li>
 * </ul>
 * Thread-safe.
 */
final class AccessErrors {

	static final String INVALID_REQUEST = "invalid_request";

	static final String INVALID_TOKEN = "invalid_token";

	static final String INVALID_DPOP_PROOF = "invalid_dpop_proof";

	static final String USE_DPOP_NONCE = "use_dpop_nonce";

	static final String DPOP_NONCE_HEADER = "DPoP-Nonce";

	static final String INSUFFICIENT_SCOPE = "insufficient_scope";

	private static final Pattern UNSAFE = Pattern.compile("[^\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]");

	private final String metadataUri;

	private final String algorithms;

	private final JsonMapper json;

	/**
	 * @param metadataUri the URL of this server's RFC 9728 metadata
	 * @param dpopAlgorithms the DPoP proof algorithms accepted
	 * @param json writes the bodies
	 */
	AccessErrors(String metadataUri, List<String> dpopAlgorithms, JsonMapper json) {
		this.metadataUri = metadataUri;
		this.algorithms = String.join(" ", dpopAlgorithms);
		this.json = json;
	}

	/**
	 * No credentials (or a scheme this server does not use): both schemes offered, no error code (RFC 6750 §3.1;
	 * RFC 9449 §7.2 shows the two challenges in one field).
	 */
	AccessError noCredentials() {
		return new AccessError(HttpStatus.UNAUTHORIZED, null, null,
				bearer() + ", " + dpop(), null);
	}

	/** A malformed request (RFC 6750 §3.1): 400 {@code invalid_request}. */
	AccessError invalidRequest(String description) {
		String safe = safe(description);
		return new AccessError(HttpStatus.BAD_REQUEST, INVALID_REQUEST, safe,
				"Bearer " + errorParams(INVALID_REQUEST, safe) + ", resource_metadata=" + quoted(this.metadataUri),
				body(INVALID_REQUEST, safe));
	}

	/** The token is not a valid access token for this server (RFC 6750 §3.1; RFC 9449 §7.1). */
	AccessError invalidToken(AuthorizationScheme scheme, String description) {
		String safe = safe(description);
		return new AccessError(HttpStatus.UNAUTHORIZED, INVALID_TOKEN, safe, challenge(scheme, INVALID_TOKEN, safe),
				body(INVALID_TOKEN, safe));
	}

	/**
	 * A DPoP-bound token presented as a bearer token (RFC 9449 §7.2): refused as {@code invalid_token}, and the
	 * {@code DPoP} scheme offered.
	 */
	AccessError boundTokenAsBearer(String description) {
		String safe = safe(description);
		return new AccessError(HttpStatus.UNAUTHORIZED, INVALID_TOKEN, safe,
				challenge(AuthorizationScheme.BEARER, INVALID_TOKEN, safe) + ", " + dpop(), body(INVALID_TOKEN, safe));
	}

	/** A missing or bad DPoP proof (RFC 9449 §7.1): 401 with a {@code DPoP} challenge. */
	AccessError invalidDPoPProof(String description) {
		String safe = safe(description);
		return new AccessError(HttpStatus.UNAUTHORIZED, INVALID_DPOP_PROOF, safe,
				challenge(AuthorizationScheme.DPOP, INVALID_DPOP_PROOF, safe), body(INVALID_DPOP_PROOF, safe));
	}

	/**
	 * A proof without a nonce, or with one this server did not issue or that expired, when nonces are on
	 * (RFC 9449 §9): 401 {@code use_dpop_nonce} with a {@code DPoP} challenge and a fresh nonce to retry with.
	 */
	AccessError useDPoPNonce(String description, String nonce) {
		String safe = safe(description);
		return new AccessError(HttpStatus.UNAUTHORIZED, USE_DPOP_NONCE, safe,
				challenge(AuthorizationScheme.DPOP, USE_DPOP_NONCE, safe), body(USE_DPOP_NONCE, safe), nonce);
	}

	/**
	 * The token lacks what the operation needs (RFC 6750 §3.1): 403 {@code insufficient_scope} with the
	 * operation in {@code scope}, so that the client can ask for it (step-up), and the contract's reason code.
	 */
	AccessError insufficientScope(AuthorizationScheme scheme, String reason, String scope, String description) {
		String safe = safe(description);
		String challenge = scheme.challengeName() + " " + errorParams(INSUFFICIENT_SCOPE, safe) + ", scope="
				+ quoted(safe(scope)) + ((scheme == AuthorizationScheme.DPOP) ? ", algs=" + quoted(this.algorithms) : "")
				+ ", resource_metadata=" + quoted(this.metadataUri);
		Map<String, Object> body = body(INSUFFICIENT_SCOPE, safe);
		body.put("reason", reason);
		body.put("scope", scope);
		return new AccessError(HttpStatus.FORBIDDEN, INSUFFICIENT_SCOPE, safe, challenge, body);
	}

	/** A FORBIDDEN operation (contract, Tiers): 403 whatever the scopes. */
	AccessError forbidden(String description) {
		String safe = safe(description);
		Map<String, Object> body = body("forbidden", safe);
		body.put("reason", "forbidden");
		return new AccessError(HttpStatus.FORBIDDEN, "forbidden", safe, null, body);
	}

	/** A SUPERVISED operation not (yet) approved (contract, Tiers; security-cases pinned rule 5). */
	AccessError approvalRequired(String approvalId, String approvalUri) {
		String safe = "The root human must approve this operation";
		Map<String, Object> body = body("approval_required", safe);
		body.put("approval_id", approvalId);
		body.put("approval_uri", approvalUri);
		return new AccessError(HttpStatus.FORBIDDEN, "approval_required", safe, null, body);
	}

	/** A SUPERVISED operation whose approval the human denied. */
	AccessError approvalDenied(String approvalId) {
		String safe = "The root human denied this operation";
		Map<String, Object> body = body("approval_denied", safe);
		body.put("approval_id", approvalId);
		return new AccessError(HttpStatus.FORBIDDEN, "approval_denied", safe, null, body);
	}

	/** A store or service this decision needs is down: 503, never an unchecked 200 (contract, Errors). */
	AccessError temporarilyUnavailable(String description) {
		String safe = safe(description);
		return new AccessError(HttpStatus.SERVICE_UNAVAILABLE, "temporarily_unavailable", safe, null,
				body("temporarily_unavailable", safe));
	}

	/** Anything else the API refuses ({@code not_found}, {@code invalid_request} with 413, 415, ...). */
	AccessError plain(HttpStatus status, String code, String description) {
		String safe = safe(description);
		return new AccessError(status, code, safe, null, body(code, safe));
	}

	void write(HttpServletResponse response, AccessError error) throws IOException {
		response.setStatus(error.status().value());
		if (error.challenge() != null) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, error.challenge());
		}
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		if (error.dpopNonce() != null) {
			response.setHeader(DPOP_NONCE_HEADER, error.dpopNonce());
		}
		if (error.body() != null) {
			byte[] body = this.json.writeValueAsBytes(error.body());
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.setContentLength(body.length);
			response.getOutputStream().write(body);
		}
		response.flushBuffer();
	}

	private String challenge(AuthorizationScheme scheme, String code, String description) {
		return scheme.challengeName() + " " + errorParams(code, description)
				+ ((scheme == AuthorizationScheme.DPOP) ? ", algs=" + quoted(this.algorithms) : "")
				+ ", resource_metadata=" + quoted(this.metadataUri);
	}

	private String bearer() {
		return "Bearer resource_metadata=" + quoted(this.metadataUri);
	}

	private String dpop() {
		return "DPoP algs=" + quoted(this.algorithms) + ", resource_metadata=" + quoted(this.metadataUri);
	}

	private static String errorParams(String code, String description) {
		return "error=" + quoted(code) + ((description != null) ? ", error_description=" + quoted(description) : "");
	}

	private static Map<String, Object> body(String code, String description) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", code);
		if (description != null) {
			body.put("error_description", description);
		}
		return body;
	}

	private static String quoted(String value) {
		return "\"" + value + "\"";
	}

	static String safe(String text) {
		return (text != null) ? UNSAFE.matcher(text).replaceAll("?") : null;
	}

}
