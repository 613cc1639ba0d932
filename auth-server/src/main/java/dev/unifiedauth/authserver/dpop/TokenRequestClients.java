package dev.unifiedauth.authserver.dpop;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/**
 * The client ids a token request claims, before Spring authenticates it: the user name of HTTP Basic
 * (form-urlencoded, RFC 6749 §2.3.1), the {@code client_id} parameter, and the {@code sub} (and {@code iss}) of a
 * {@code client_assertion} (RFC 7523 §3), read without verifying it. Whichever is right, Spring authenticates it
 * afterwards; what this answers is only which clients' DPoP policy applies, and every named client's policy does.
 * Thread-safe (stateless).
 */
final class TokenRequestClients {

	/** Enough for every legitimate combination; more is not looked up. */
	private static final int MAX_CLAIMED = 4;

	private TokenRequestClients() {
	}

	static Set<String> claimedBy(HttpServletRequest request) {
		Set<String> clientIds = new LinkedHashSet<>();
		add(clientIds, basicUserName(request.getHeader("Authorization")));
		String[] clientIdParameters = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
		if (clientIdParameters != null) {
			for (String clientId : clientIdParameters) {
				add(clientIds, clientId);
			}
		}
		Map<String, Object> assertion = unverifiedClaims(request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION));
		add(clientIds, assertion.get("sub"));
		add(clientIds, assertion.get("iss"));
		return clientIds;
	}

	private static void add(Set<String> clientIds, Object clientId) {
		if (clientId instanceof String id && !id.isBlank() && id.length() <= 256 && clientIds.size() < MAX_CLAIMED) {
			clientIds.add(id);
		}
	}

	private static String basicUserName(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		try {
			String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
					StandardCharsets.UTF_8);
			int colon = credentials.indexOf(':');
			return (colon > 0) ? URLDecoder.decode(credentials.substring(0, colon), StandardCharsets.UTF_8) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static Map<String, Object> unverifiedClaims(String jwt) {
		if (jwt == null) {
			return Map.of();
		}
		String[] parts = jwt.split("\\.");
		if (parts.length != 3) {
			return Map.of();
		}
		try {
			return JSONObjectUtils.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException | ParseException ex) {
			return Map.of();
		}
	}

}
