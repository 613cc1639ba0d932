package dev.unifiedauth.resourceserver.access;

import dev.unifiedauth.core.dpop.DPoPNonces;

/**
 * This resource server's DPoP nonce mode (RFC 9449 §9): the nonces it issues and requires, or none when the mode is
 * off ({@code resource-server.dpop.nonces=false}, the default). One instance per server, so that the verifier and
 * the answers that hand out nonces use one secret.
 *
 * @param nonces the issuer and checker of nonces, {@code null} when nonces are off
 */
record ServerNonces(DPoPNonces nonces) {

	boolean required() {
		return this.nonces != null;
	}

}
