package dev.unifiedauth.authserver.testing;

import dev.unifiedauth.core.testing.DPoPProofBuilder;
import dev.unifiedauth.core.testing.ProofKey;

/**
 * DPoP proofs (RFC 9449 §4.2) for requests to this server and to resource servers. Each method returns a
 * {@link DPoPProofBuilder} that is valid as it is and can be tampered with: any key and algorithm
 * ({@link ProofKey#es256()}, {@code ps256()}, {@code rs256()}, {@code ed25519()}, {@code rsa(bits, alg)},
 * {@code ec(curve, alg)}), {@code htm}, {@code htu}, {@code iat}, {@code jti}, {@code nonce}, {@code ath}, any other
 * claim or header parameter set or removed, the signature replaced or altered. Build one proof per request:
 * {@code build()} gives each proof a fresh {@code jti} unless one was set.
 *
 * <pre>
 * ProofKey key = ProofKey.es256();
 * String proof = DPoPProofs.tokenRequest(issuer, key).build();
 * backend.authenticated().header("DPoP", proof).formParam("grant_type", "client_credentials").post("/oauth2/token");
 * </pre>
 */
public final class DPoPProofs {

	public static final String HEADER = "DPoP";

	public static final String NONCE_HEADER = "DPoP-Nonce";

	public static final String TOKEN_ENDPOINT = "/oauth2/token";

	private DPoPProofs() {
	}

	/** A proof for {@code POST issuer/oauth2/token} with a fresh ES256 key. */
	public static DPoPProofBuilder tokenRequest(String issuer) {
		return tokenRequest(issuer, ProofKey.es256());
	}

	/** A proof for {@code POST issuer/oauth2/token} signed with {@code key}. */
	public static DPoPProofBuilder tokenRequest(String issuer, ProofKey key) {
		return request(key, "POST", issuer + TOKEN_ENDPOINT);
	}

	/** A proof for a call to a resource server with a DPoP-bound access token ({@code ath}, RFC 9449 §7). */
	public static DPoPProofBuilder resourceRequest(ProofKey key, String method, String uri, String accessToken) {
		return request(key, method, uri).ath(accessToken);
	}

	/** A proof for any request. */
	public static DPoPProofBuilder request(ProofKey key, String method, String uri) {
		return DPoPProofBuilder.with(key).htm(method).htu(uri);
	}

}
