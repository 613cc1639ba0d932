package dev.unifiedauth.authserver.dpop;

import java.io.IOException;
import java.time.Clock;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.unifiedauth.authserver.clients.ClientSettingNames;
import dev.unifiedauth.authserver.errors.OAuthErrors;
import dev.unifiedauth.core.audit.AuditEvent;
import dev.unifiedauth.core.audit.AuditSink;
import dev.unifiedauth.core.dpop.DPoPNonces;
import dev.unifiedauth.core.dpop.DPoPProof;
import dev.unifiedauth.core.dpop.DPoPProofException;
import dev.unifiedauth.core.dpop.DPoPProofException.Reason;
import dev.unifiedauth.core.dpop.DPoPProofVerifier;
import dev.unifiedauth.core.dpop.DPoPRequest;

import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * DPoP at the token endpoint, ahead of Spring Security. A request with one {@code DPoP} header has its proof
 * verified against {@code POST} + the configured issuer's token endpoint URL (not the URL this request arrived
 * on, which a proxy may have changed; and the method the server received, never an override header); the
 * verified {@link DPoPProof} is left in the request attribute {@link DPoPProof#REQUEST_ATTRIBUTE}, and the
 * request goes on with the header hidden, so that Spring's own weaker verifier (no EdDSA, an in-JVM replay cache
 * that evicts) never runs and {@link DPoPTokenBinding} binds the token instead.
 *
 * <p>Refused with {@code 400 invalid_dpop_proof} (RFC 9449 §5): two headers, a proof failing any check, and no
 * proof from a client registered with {@code dpop_bound_access_tokens} (§5.2) or requiring nonces. A client that
 * requires nonces gets {@code use_dpop_nonce} for a proof without a valid one, and a fresh {@code DPoP-Nonce} in
 * every token response (§8). A request naming no registered client is passed on with the header hidden and its
 * proof unchecked: Spring refuses it ({@code invalid_client}) and it must not use up replay-store room.
 * Thread-safe.
 */
final class DPoPTokenRequestFilter extends OncePerRequestFilter {

	static final String DPOP_HEADER = "DPoP";

	static final String NONCE_HEADER = "DPoP-Nonce";

	/** RFC 9449 §8 error code. */
	static final String USE_DPOP_NONCE = "use_dpop_nonce";

	private static final Log logger = LogFactory.getLog(DPoPTokenRequestFilter.class);

	private final RequestMatcher tokenEndpoint;

	private final String tokenEndpointUri;

	private final DPoPProofVerifier verifier;

	private final DPoPNonces nonces;

	private final RegisteredClientRepository clients;

	private final AuditSink audit;

	private final Clock clock;

	DPoPTokenRequestFilter(String issuer, String tokenEndpointPath, DPoPProofVerifier verifier, DPoPNonces nonces,
			RegisteredClientRepository clients, AuditSink audit, Clock clock) {
		// Spring's own matcher, so that every path Spring's token endpoint answers (e.g. /oauth2/%74oken) is seen here
		this.tokenEndpoint = PathPatternRequestMatcher.withDefaults().matcher(tokenEndpointPath);
		this.tokenEndpointUri = (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
				+ tokenEndpointPath;
		this.verifier = verifier;
		this.nonces = nonces;
		this.clients = clients;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.tokenEndpoint.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		List<String> proofs = Collections.list(request.getHeaders(DPOP_HEADER));
		ClientPolicy policy = policyOf(request);
		if (policy.requiresNonce()) {
			response.setHeader(NONCE_HEADER, this.nonces.issue()); // RFC 9449 §8: a fresh nonce in every response
		}
		if (proofs.isEmpty()) {
			if (policy.requiresProof()) {
				// RFC 9449 §5.2 (dpop_bound_access_tokens); security-cases B25, C25
				reject(policy, response, new DPoPProofException(Reason.MISSING, "This client must send a DPoP proof"));
				return;
			}
			chain.doFilter(request, response);
			return;
		}
		if (proofs.size() > 1) {
			// RFC 9449 §4.3 (1): exactly one DPoP header
			reject(policy, response, new DPoPProofException(Reason.MULTIPLE, "Send exactly one DPoP header"));
			return;
		}
		if (policy.registeredClient() == null) {
			chain.doFilter(new WithoutDPoPHeader(request), response);
			return;
		}
		DPoPProof proof;
		try {
			proof = this.verifier.verify(proofs.get(0),
					DPoPRequest.of(request.getMethod(), this.tokenEndpointUri).withNonceRequired(policy.requiresNonce()));
		}
		catch (DPoPProofException ex) {
			reject(policy, response, ex);
			return;
		}
		request.setAttribute(DPoPProof.REQUEST_ATTRIBUTE, proof);
		chain.doFilter(new WithoutDPoPHeader(request), response);
	}

	private ClientPolicy policyOf(HttpServletRequest request) {
		String registered = null;
		boolean proof = false;
		boolean nonce = false;
		for (String clientId : TokenRequestClients.claimedBy(request)) {
			RegisteredClient client = this.clients.findByClientId(clientId);
			if (client != null) {
				ClientSettings settings = client.getClientSettings();
				registered = (registered != null) ? registered : client.getClientId();
				nonce |= ClientSettingNames.requiresDPoPNonce(settings);
				proof |= ClientSettingNames.requiresDPoP(settings) || ClientSettingNames.requiresDPoPNonce(settings);
			}
		}
		return new ClientPolicy(registered, proof, nonce);
	}

	/**
	 * The one place a DPoP rejection at the token endpoint is decided, and audited ({@code dpop.proof},
	 * {@code refused}, the reason being the check that failed): if the entry cannot be written the request fails
	 * with 503 instead. The client is recorded only if it is registered (the request's claim is unverified); the
	 * proof never.
	 */
	private void reject(ClientPolicy policy, HttpServletResponse response, DPoPProofException ex) throws IOException {
		if (logger.isDebugEnabled()) {
			logger.debug("DPoP proof refused at the token endpoint: " + ex.reason().code());
		}
		this.audit.record(AuditEvent.of("dpop.proof", this.clock.instant())
			.decision("refused", ex.reason().code())
			.client(policy.registeredClient())
			.detail("endpoint", "token")
			.detail("error", ex.isNonceError() ? USE_DPOP_NONCE : OAuth2ErrorCodes.INVALID_DPOP_PROOF)
			.build());
		if (ex.isNonceError()) {
			if (response.getHeader(NONCE_HEADER) == null) {
				response.setHeader(NONCE_HEADER, this.nonces.issue());
			}
			OAuthErrors.write(response, OAuthErrors.error(USE_DPOP_NONCE, ex.getMessage())); // RFC 9449 §8
			return;
		}
		OAuthErrors.write(response, OAuthErrors.error(OAuth2ErrorCodes.INVALID_DPOP_PROOF, ex.getMessage()));
	}

	/**
	 * The DPoP policy of the clients a request names.
	 *
	 * @param registeredClient the first registered client it names, {@code null} if none
	 * @param requiresProof whether one of them must send a proof
	 * @param requiresNonce whether one of them must use server nonces
	 */
	private record ClientPolicy(String registeredClient, boolean requiresProof, boolean requiresNonce) {
	}

	/** The request without its {@code DPoP} header (header names are case-insensitive, RFC 9110 §5.1). */
	static final class WithoutDPoPHeader extends HttpServletRequestWrapper {

		WithoutDPoPHeader(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getHeader(String name) {
			return DPOP_HEADER.equalsIgnoreCase(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return DPOP_HEADER.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = Collections.list(super.getHeaderNames());
			names.removeIf(DPOP_HEADER::equalsIgnoreCase);
			return Collections.enumeration(names);
		}

	}

}
