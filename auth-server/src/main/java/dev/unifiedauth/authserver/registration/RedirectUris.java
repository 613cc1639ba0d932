package dev.unifiedauth.authserver.registration;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Which redirect URIs a client may register: absolute {@code https} URIs, or {@code http} on a loopback IP
 * literal (OAuth 2.1 §8.4.2; "localhost" is not accepted, §8.4.2 recommends against it); no fragment (RFC 6749
 * §3.1.2), no user info, at most {@link #MAX_LENGTH} characters. Every other scheme is refused, in particular
 * {@code javascript:} and {@code data:} (security-cases G14, CVE-2026-22752). Confidential clients only, so no
 * private-use schemes. Redirect URIs are compared character for character at the authorization endpoint.
 */
final class RedirectUris {

	static final int MAX_LENGTH = 2000;

	private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "[::1]");

	private RedirectUris() {
	}

	/**
	 * @throws RegistrationException {@code invalid_redirect_uri} naming the broken rule
	 */
	static void check(String redirectUri) {
		if (redirectUri.isEmpty() || redirectUri.length() > MAX_LENGTH) {
			throw RegistrationException.invalidRedirectUri("A redirect URI must have 1 to " + MAX_LENGTH + " characters");
		}
		URI uri;
		try {
			uri = new URI(redirectUri);
		}
		catch (URISyntaxException ex) {
			throw RegistrationException.invalidRedirectUri("A redirect URI is not a valid URI");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!uri.isAbsolute() || uri.isOpaque() || !(scheme.equals("https") || scheme.equals("http"))) {
			throw RegistrationException.invalidRedirectUri("A redirect URI must be an https URI");
		}
		if (uri.getRawFragment() != null || redirectUri.contains("#")) {
			// RFC 6749 §3.1.2
			throw RegistrationException.invalidRedirectUri("A redirect URI must not have a fragment");
		}
		if (uri.getRawUserInfo() != null || uri.getHost() == null || uri.getHost().isEmpty()) {
			throw RegistrationException.invalidRedirectUri("A redirect URI needs a host and no user info");
		}
		if (scheme.equals("http") && !LOOPBACK.contains(uri.getHost())) {
			// OAuth 2.1 §1.5, §8.4.2: http only on the loopback interface
			throw RegistrationException.invalidRedirectUri("http redirect URIs are allowed on 127.0.0.1 and [::1] only");
		}
	}

}
