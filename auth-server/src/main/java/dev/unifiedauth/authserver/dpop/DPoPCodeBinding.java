package dev.unifiedauth.authserver.dpop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import dev.unifiedauth.authserver.errors.OAuthErrors;
import dev.unifiedauth.core.dpop.DPoPProof;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * Authorization code binding to a DPoP key (RFC 9449 §10): when the authorization request named a key with
 * {@code dpop_jkt}, the code is redeemed only with a DPoP proof signed by that key, so that a code stolen on its way
 * back to the client is worthless without the client's key. A redemption by the code's client without a proof, or
 * with another key's, is {@code invalid_grant} and leaves the code unused for its rightful holder; a redemption by
 * another client is Spring's to refuse. Thread-safe (stateless).
 */
public final class DPoPCodeBinding {

	/** The authorization request parameter (RFC 9449 §10). */
	public static final String PARAMETER = "dpop_jkt";

	private DPoPCodeBinding() {
	}

	/**
	 * Whether the current token request may redeem {@code authorization}'s code: always, unless its authorization
	 * request named a key; then only with a proof of that key.
	 */
	public static boolean isProven(OAuth2Authorization authorization) {
		OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
		Object bound = (request != null) ? request.getAdditionalParameters().get(PARAMETER) : null;
		if (!(bound instanceof String jkt)) {
			return true;
		}
		DPoPProof proof = DPoPTokenBinding.currentProof();
		return proof != null && MessageDigest.isEqual(jkt.getBytes(StandardCharsets.US_ASCII),
				proof.jkt().getBytes(StandardCharsets.US_ASCII));
	}

	/** The answer to a redemption that is not proven: {@code invalid_grant}, saying no more than a bad code would. */
	public static OAuth2AuthenticationException refusal() {
		return OAuthErrors.exception(OAuth2ErrorCodes.INVALID_GRANT, "The authorization code is invalid");
	}

}
