package dev.unifiedauth.authserver.registration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import dev.unifiedauth.authserver.accounts.UserAccount;
import dev.unifiedauth.authserver.accounts.UserAccounts;
import dev.unifiedauth.authserver.storage.Sha256;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Decides who may register a client (RFC 7591 §3): anyone when registration is configured open; otherwise a
 * request with {@code Authorization: Bearer} (RFC 6750 §2.1) and either a configured initial access token
 * (compared in constant time) or an access token this server issued to an administrator acting directly: it
 * verifies with this server's {@link JwtDecoder}, is still active in the {@link OAuth2AuthorizationService} (not
 * revoked), carries {@code admin} in {@code roles}, names no actor ({@code act}: an agent never registers clients)
 * and is not DPoP-bound ({@code cnf}: such a token may not be presented as a bearer token, RFC 9449 §7.1); and its
 * subject is still an enabled account with the {@code admin} role. Every refusal is {@code 401 invalid_token}.
 * Thread-safe.
 */
final class RegistrationAccess {

	/** The registrant of open registration. */
	static final String OPEN = "open-registration";

	/** The registrant that presented an initial access token (never the token). */
	static final String TOKEN = "initial-access-token";


	static final int MIN_TOKEN_LENGTH = 16;

	static final String ADMIN_ROLE = "admin";

	/** RFC 6750 §2.1 b64token. */
	private static final Pattern BEARER = Pattern.compile("(?i)Bearer ([A-Za-z0-9\\-._~+/]+=*)");

	private static final int MAX_TOKEN_LENGTH = 8 * 1024;

	private final boolean open;

	private final List<byte[]> initialAccessTokenHashes = new ArrayList<>();

	private final JwtDecoder jwtDecoder;

	private final OAuth2AuthorizationService authorizations;

	private final UserAccounts accounts;

	RegistrationAccess(RegistrationProperties properties, JwtDecoder jwtDecoder,
			OAuth2AuthorizationService authorizations, UserAccounts accounts) {
		this.open = properties.open();
		for (String token : properties.initialAccessTokens()) {
			if (token == null || token.length() < MIN_TOKEN_LENGTH) {
				throw new IllegalStateException("unified-auth.registration.initial-access-tokens must each have at least "
						+ MIN_TOKEN_LENGTH + " characters");
			}
			this.initialAccessTokenHashes.add(hash(token));
		}
		this.jwtDecoder = jwtDecoder;
		this.authorizations = authorizations;
		this.accounts = accounts;
	}

	/**
	 * @param authorization the request's {@code Authorization} header, or {@code null}
	 * @return who registers: {@code open-registration}, {@code initial-access-token} or the administrator's id
	 * @throws RegistrationException {@code invalid_token} (401)
	 */
	String authorize(String authorization) {
		if (this.open) {
			return OPEN;
		}
		if (authorization == null || authorization.isBlank()) {
			// RFC 6750 §3.1: no error code when no credentials were sent
			throw RegistrationException.unauthorized(
					"Registration needs an initial access token or an administrator's access token", false);
		}
		var matcher = BEARER.matcher(authorization);
		if (authorization.length() > MAX_TOKEN_LENGTH || !matcher.matches()) {
			throw RegistrationException.unauthorized("Send the token as Authorization: Bearer <token>", true);
		}
		String token = matcher.group(1);
		if (isInitialAccessToken(token)) {
			return TOKEN;
		}
		return administrator(token);
	}

	/** Constant time: every configured token is compared, whatever matched before. */
	private boolean isInitialAccessToken(String token) {
		byte[] presented = hash(token);
		boolean match = false;
		for (byte[] configured : this.initialAccessTokenHashes) {
			match |= MessageDigest.isEqual(presented, configured);
		}
		return match;
	}

	private String administrator(String token) {
		Jwt jwt;
		try {
			jwt = this.jwtDecoder.decode(token);
		}
		catch (JwtException ex) {
			throw RegistrationException.unauthorized("The token is not valid here", true);
		}
		if (jwt.hasClaim("act") || jwt.hasClaim("cnf") || !hasAdminRole(jwt.getClaim("roles"))
				|| jwt.getSubject() == null) {
			throw RegistrationException.unauthorized("Only an administrator acting directly may register clients", true);
		}
		OAuth2Authorization authorization = this.authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
		OAuth2Authorization.Token<OAuth2AccessToken> accessToken = (authorization != null)
				? authorization.getAccessToken() : null;
		if (accessToken == null || !accessToken.isActive()) {
			throw RegistrationException.unauthorized("The token is revoked or expired", true);
		}
		UserAccount account = this.accounts.findById(jwt.getSubject()).orElse(null);
		if (account == null || !account.enabled() || !account.roles().contains(ADMIN_ROLE)) {
			throw RegistrationException.unauthorized("Only an administrator acting directly may register clients", true);
		}
		return account.id();
	}

	private static boolean hasAdminRole(Object roles) {
		return (roles instanceof Collection<?> values) && values.contains(ADMIN_ROLE);
	}

	private static byte[] hash(String token) {
		return Sha256.digest(token.getBytes(StandardCharsets.UTF_8));
	}

}
