package dev.unifiedauth.authserver.registration;

import dev.unifiedauth.authserver.errors.OAuthErrors;

import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * A refused registration, with its RFC 7591 §3.2.2 (or RFC 6750 §3.1) error. Written by
 * {@link ClientRegistrationEndpoint} through {@code OAuthErrors}.
 */
final class RegistrationException extends RuntimeException {

	/** RFC 7591 §3.2.2. */
	static final String INVALID_CLIENT_METADATA = "invalid_client_metadata";

	/** RFC 7591 §3.2.2. */
	static final String INVALID_REDIRECT_URI = "invalid_redirect_uri";

	/** RFC 6750 §3.1: the initial access token is missing, unknown, expired or not an administrator's. */
	static final String INVALID_TOKEN = "invalid_token";

	private final transient OAuth2Error error;

	private final boolean tokenPresented;

	private RegistrationException(String code, String description, boolean tokenPresented) {
		super(code + ": " + description);
		this.error = OAuthErrors.error(code, description);
		this.tokenPresented = tokenPresented;
	}

	static RegistrationException invalidMetadata(String description) {
		return new RegistrationException(INVALID_CLIENT_METADATA, description, false);
	}

	static RegistrationException invalidRedirectUri(String description) {
		return new RegistrationException(INVALID_REDIRECT_URI, description, false);
	}

	static RegistrationException unauthorized(String description, boolean tokenPresented) {
		return new RegistrationException(INVALID_TOKEN, description, tokenPresented);
	}

	OAuth2Error error() {
		return this.error;
	}

	boolean isUnauthorized() {
		return INVALID_TOKEN.equals(this.error.getErrorCode());
	}

	boolean tokenPresented() {
		return this.tokenPresented;
	}

}
