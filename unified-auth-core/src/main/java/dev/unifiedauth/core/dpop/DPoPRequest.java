package dev.unifiedauth.core.dpop;

import java.util.Objects;

/**
 * What a DPoP proof must match: the HTTP request that carried it (RFC 9449 §4.3 (8), (9)), the access token
 * presented with it at a resource server (§4.3 (12)), and whether this request needs a server nonce (§8).
 *
 * @param method the request's method as the server received it (never an override header)
 * @param targetUri the URI the server is known by for this request (its configured public URL plus the path),
 * not one rebuilt from request headers that a proxy may change
 * @param accessToken the access token presented with the proof, or {@code null} where none is (token endpoint)
 * @param nonceRequired whether a proof without a valid server nonce is refused
 */
public record DPoPRequest(String method, String targetUri, String accessToken, boolean nonceRequired) {

	public DPoPRequest {
		Objects.requireNonNull(method, "method");
		Objects.requireNonNull(targetUri, "targetUri");
	}

	/** A request without access token that needs no nonce. */
	public static DPoPRequest of(String method, String targetUri) {
		return new DPoPRequest(method, targetUri, null, false);
	}

	/** This request with an access token whose hash the proof must carry in {@code ath}. */
	public DPoPRequest withAccessToken(String token) {
		return new DPoPRequest(this.method, this.targetUri, token, this.nonceRequired);
	}

	/** This request, needing (or not) a server nonce in the proof. */
	public DPoPRequest withNonceRequired(boolean required) {
		return new DPoPRequest(this.method, this.targetUri, this.accessToken, required);
	}

}
