package dev.unifiedauth.authserver.registration;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may register clients, bound from {@code unified-auth.registration.*}.
 *
 * @param open whether anyone may register without a token (default {@code false}; RFC 7591 §3 lets the server
 * require an initial access token)
 * @param initialAccessTokens the initial access tokens that allow a registration (each at least
 * {@value RegistrationAccess#MIN_TOKEN_LENGTH} characters; none by default)
 */
@ConfigurationProperties("unified-auth.registration")
public record RegistrationProperties(@DefaultValue("false") boolean open, List<String> initialAccessTokens) {

	public RegistrationProperties {
		initialAccessTokens = (initialAccessTokens != null) ? List.copyOf(initialAccessTokens) : List.of();
	}

}
