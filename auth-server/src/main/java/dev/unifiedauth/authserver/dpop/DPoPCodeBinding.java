package dev.unifiedauth.authserver.dpop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import dev.unifiedauth.authserver.errors.OAuthErrors;
import dev.unifiedauth.core.dpop.DPoPProof;

import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * Authorization code binding to a DPoP key (RFC 9449 §10): when the authorization request named a key with
 * {@code dpop_jkt}, the code is redeemed only with a DPoP proof signed by that key, so that a code stolen on its way
 * back to the client is worthless without the client's key. A redemption without a proof, or with another key's,
 * is {@code invalid_grant} and leaves the code unused for its rightful holder. Thread-safe (stateless).
 */
public final class DPoPCodeBinding {

	/** The authorization request parameter (RFC 9449 §10). */
	public static final String PARAMETER = "dpop_jkt";

	private DPoPCodeBinding() {
	}

	/**
	 * Refuses the redemption of {@code authorization}'s code unless the current token request carries a proof
	 * of the key its authorization request named, if it named one.
	 */
	public static void check(OAuth2Authorization authorization) {
		OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
		Object bound = (request != null) ? request.getAdditionalParameters().get(PARAMETER) : null;
		if (!(bound instanceof String jkt)) {
			return;
		}
		DPoPProof proof = DPoPTokenBinding.currentProof();
		if (proof == null || !MessageDigest.isEqual(jkt.getBytes(StandardCharsets.US_ASCII),
				proof.jkt().getBytes(StandardCharsets.US_ASCII))) {
			throw OAuthErrors.exception(OAuth2ErrorCodes.INVALID_GRANT,
					"The authorization request bound this code to a DPoP key (dpop_jkt): prove it");
		}
	}

}
