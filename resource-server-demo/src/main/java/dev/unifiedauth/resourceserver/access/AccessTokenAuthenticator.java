package dev.unifiedauth.resourceserver.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.unifiedauth.core.dpop.DPoPProof;
import dev.unifiedauth.core.dpop.DPoPProofException;
import dev.unifiedauth.core.dpop.DPoPProofVerifier;
import dev.unifiedauth.core.dpop.DPoPRequest;
import dev.unifiedauth.core.policy.Reason;
import dev.unifiedauth.core.replay.ReplayStoreUnavailableException;
import dev.unifiedauth.core.revocation.TokenFacts;
import dev.unifiedauth.core.token.DelegationClaims;
import dev.unifiedauth.core.token.DelegationGrant;
import dev.unifiedauth.resourceserver.revocation.RevocationStatus;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Turns the credentials of a request into an {@link AccessToken}, or refuses them:
 * <ol>
 * <li>the token is a valid RFC 9068 access token for this server ({@link AccessTokenValidation}) whose
 * delegation claims are well formed;</li>
 * <li>a token bound to a DPoP key ({@code cnf.jkt}, RFC 9449 §6.1) must come with the {@code DPoP} scheme
 * (§7.2) and exactly one proof (§4.3 (1), §7.1) that passes every check of §4.3 for this request: {@code htm} =
 * the request method, {@code htu} = this server's resource identifier + the request path (not the URL the
 * request arrived at, which a proxy may change), {@code ath} = the hash of the token, single use through the
 * replay store (§11.1);</li>
 * <li>the proof's key must be the token's key (§4.3 (12), §6.1): otherwise {@code invalid_token}
 * (security-cases pinned rule 2);</li>
 * <li>an unbound token with the {@code DPoP} scheme is refused (§7.1: the scheme is for bound tokens);</li>
 * <li>a token stopped by the authorization server's revocation feed — revoked, its task revoked or past its
 * deadline, its human's account or one of its clients disabled — is {@code invalid_token} (RFC 6750 §3.1), audited
 * with reason {@code revoked} or {@code expired}; when the feed is stale, 503 (fail closed).</li>
 * </ol>
 * Thread-safe.
 */
final class AccessTokenAuthenticator {

	static final String DPOP_HEADER = "DPoP";

	private static final Log logger = LogFactory.getLog(AccessTokenAuthenticator.class);

	private final JwtDecoder decoder;

	private final DPoPProofVerifier proofs;

	private final String baseUrl;

	private final AccessErrors errors;

	private final RevocationStatus revocations;

	private final ServerNonces nonces;

	/**
	 * @param baseUrl this server's resource identifier without a trailing slash: the {@code htu} of proofs is
	 * this plus the request path
	 */
	AccessTokenAuthenticator(JwtDecoder decoder, DPoPProofVerifier proofs, String baseUrl, AccessErrors errors,
			RevocationStatus revocations, ServerNonces nonces) {
		this.decoder = decoder;
		this.proofs = proofs;
		this.baseUrl = baseUrl;
		this.errors = errors;
		this.revocations = revocations;
		this.nonces = nonces;
	}

	/** A fresh nonce for the next proof of a DPoP client (RFC 9449 §9), {@code null} when nonces are off. */
	String freshNonce() {
		return this.nonces.required() ? this.nonces.nonces().issue() : null;
	}

	/**
	 * @return the token, or {@code null} when the request presents no credentials
	 * @throws AccessRefusal with the answer for a refused request; {@link AccessRefusal#error()} is 503 when the
	 * replay store cannot answer
	 */
	AccessToken authenticate(HttpServletRequest request) {
		PresentedCredentials credentials = PresentedCredentials.from(request, this.errors);
		if (credentials == null) {
			return null;
		}
		AuthorizationScheme scheme = credentials.scheme();
		Jwt jwt = decode(credentials);
		DelegationGrant grant;
		Set<String> roles;
		String jkt;
		try {
			grant = DelegationGrant.fromClaims(jwt.getClaims());
			roles = roles(jwt.getClaims().get("roles"));
			jkt = boundKey(jwt.getClaims().get(DelegationClaims.CNF));
		}
		catch (IllegalArgumentException ex) {
			throw new AccessRefusal(this.errors.invalidToken(scheme, "The access token's claims are malformed"), "claims");
		}
		AccessToken token = new AccessToken(credentials.token(), jwt, grant, roles, scheme);
		checkNotRevoked(token);
		if (scheme == AuthorizationScheme.BEARER) {
			if (jkt != null) {
				// RFC 9449 §7.2: a DPoP-bound token must not be accepted as a bearer token, with or without a proof
				throw refusal(this.errors.boundTokenAsBearer(
						"The access token is DPoP-bound: present it with the DPoP scheme and a proof"), "bearer_bound", token);
			}
			return token;
		}
		if (jkt == null) {
			// RFC 9449 §7.1: the DPoP scheme carries DPoP-bound tokens only
			throw refusal(this.errors.invalidToken(scheme, "The access token is not DPoP-bound: use the Bearer scheme"),
					"not_bound", token);
		}
		DPoPProof proof = verifyProof(request, token);
		if (!MessageDigest.isEqual(proof.jkt().getBytes(StandardCharsets.US_ASCII),
				jkt.getBytes(StandardCharsets.US_ASCII))) {
			// RFC 9449 §4.3 (12), §6.1 and Fig. 16; security-cases pinned rule 2
			throw refusal(this.errors.invalidToken(scheme, "The DPoP proof key is not the key the token is bound to"),
					"jkt", token);
		}
		return token;
	}

	private Jwt decode(PresentedCredentials credentials) {
		try {
			return this.decoder.decode(credentials.token());
		}
		catch (BadJwtException ex) {
			// RFC 6750 §3.1, RFC 9068 §4; the decoder's message stays out of the response
			throw new AccessRefusal(this.errors.invalidToken(credentials.scheme(), "The access token is not valid"),
					"jwt");
		}
		catch (JwtException ex) {
			// the authorization server's keys could not be fetched: fail closed, without blaming the token
			logger.warn("Access token not checked: " + ex.getMessage());
			throw new AccessRefusal(this.errors.temporarilyUnavailable("The token issuer's keys are unavailable"));
		}
	}

	private void checkNotRevoked(AccessToken token) {
		Optional<Reason> stopped;
		try {
			stopped = this.revocations.check(TokenFacts.fromClaims(token.jwt().getClaims()));
		}
		catch (IllegalArgumentException ex) {
			throw refusal(this.errors.invalidToken(token.scheme(), "The access token's claims are malformed"), "claims",
					token);
		}
		catch (RevocationStatus.StaleRevocationsException ex) {
			// the one-second promise cannot be kept: fail closed rather than accept a possibly revoked token
			throw new AccessRefusal(this.errors.temporarilyUnavailable("The revocation status is unavailable"));
		}
		if (stopped.isPresent()) {
			String description = (stopped.get() == Reason.EXPIRED) ? "The access token's task is past its deadline"
					: "The access token was revoked";
			throw new AccessRefusal(this.errors.invalidToken(token.scheme(), description), stopped.get().code(), token,
					stopped.get());
		}
	}

	private DPoPProof verifyProof(HttpServletRequest request, AccessToken token) {
		List<String> proofs = Collections.list(request.getHeaders(DPOP_HEADER));
		if (proofs.isEmpty()) {
			// RFC 9449 §7.1: a DPoP-bound token needs a proof (security case C19)
			throw refusal(this.errors.invalidDPoPProof("A DPoP proof is required"),
					DPoPProofException.Reason.MISSING.code(), token);
		}
		if (proofs.size() > 1) {
			throw refusal(this.errors.invalidDPoPProof("The request has more than one DPoP header"),
					DPoPProofException.Reason.MULTIPLE.code(), token); // RFC 9449 §4.3 (1)
		}
		// RFC 9449 §4.3 (8), (9), (12): the method as received, the configured URL + path, the token's hash
		DPoPRequest expected = DPoPRequest.of(request.getMethod(), this.baseUrl + request.getRequestURI())
			.withAccessToken(token.value())
			.withNonceRequired(this.nonces.required());
		try {
			return this.proofs.verify(proofs.get(0), expected);
		}
		catch (DPoPProofException ex) {
			if (ex.isNonceError()) {
				// RFC 9449 §9: retry with this nonce
				throw refusal(this.errors.useDPoPNonce(ex.getMessage(), freshNonce()), ex.reason().code(), token);
			}
			throw refusal(this.errors.invalidDPoPProof(ex.getMessage()), ex.reason().code(), token);
		}
		catch (ReplayStoreUnavailableException ex) {
			// RFC 9449 §11.1: never accept a proof whose single use cannot be checked
			throw new AccessRefusal(this.errors.temporarilyUnavailable("The DPoP replay store is unavailable"));
		}
	}

	/** {@code cnf.jkt} (RFC 9449 §6.1), {@code null} when the token has no {@code cnf}. */
	private static String boundKey(Object cnf) {
		if (cnf == null) {
			return null;
		}
		if (cnf instanceof Map<?, ?> confirmation && confirmation.get("jkt") instanceof String jkt
				&& !jkt.isEmpty()) {
			return jkt;
		}
		// RFC 7800 §3.1: a confirmation this server cannot check (no jkt) cannot be honoured
		throw new IllegalArgumentException("cnf has no jkt");
	}

	private static Set<String> roles(Object claim) {
		Set<String> roles = new TreeSet<>();
		if (claim == null) {
			return roles;
		}
		if (!(claim instanceof Collection<?> values)) {
			throw new IllegalArgumentException("roles must be an array of strings");
		}
		for (Object value : values) {
			if (!(value instanceof String role)) {
				throw new IllegalArgumentException("roles must be an array of strings");
			}
			roles.add(role);
		}
		return roles;
	}

	private static AccessRefusal refusal(AccessError error, String check, AccessToken token) {
		return new AccessRefusal(error, check, token);
	}

}
