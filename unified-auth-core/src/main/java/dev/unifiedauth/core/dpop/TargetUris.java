package dev.unifiedauth.core.dpop;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Compares a proof's {@code htu} with the request URI as RFC 9449 §4.3 (9) asks: ignoring query and fragment,
 * after syntax-based and scheme-based normalization (RFC 3986 §6.2.2, §6.2.3), as the note under §4.3
 * recommends: scheme and host are compared case-insensitively, the default port of the scheme equals no port,
 * an empty path equals {@code /}, percent-encodings are compared with upper-case hex digits and unreserved
 * characters decoded, and dot segments are removed. Only absolute {@code http} and {@code https} URIs without
 * user information match anything. Thread-safe (stateless).
 */
final class TargetUris {

	private static final String UNRESERVED_PUNCTUATION = "-._~";

	private TargetUris() {
	}

	static boolean matches(String htu, String requestUri) {
		String normalizedHtu = normalize(htu);
		return normalizedHtu != null && normalizedHtu.equals(normalize(requestUri));
	}

	/** {@code scheme://host[:port]/path}, normalized; {@code null} if the URI cannot be a request URI. */
	static String normalize(String uri) {
		URI parsed;
		try {
			parsed = new URI(uri);
		}
		catch (URISyntaxException ex) {
			return null;
		}
		String scheme = (parsed.getScheme() != null) ? parsed.getScheme().toLowerCase(Locale.ROOT) : null;
		if (!("http".equals(scheme) || "https".equals(scheme)) || parsed.getHost() == null
				|| parsed.getRawUserInfo() != null) {
			return null;
		}
		int port = parsed.getPort();
		if (("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443)) {
			port = -1;
		}
		String path = normalizePercentEncoding(parsed.getRawPath());
		if (path == null) {
			return null;
		}
		path = path.isEmpty() ? "/" : URI.create("http://h" + path).normalize().getRawPath(); // §5.2.4 dot segments
		return scheme + "://" + parsed.getHost().toLowerCase(Locale.ROOT) + ((port != -1) ? ":" + port : "") + path;
	}

	/** RFC 3986 §6.2.2.1-2: upper-case hex digits; percent-encoded unreserved characters decoded. */
	private static String normalizePercentEncoding(String rawPath) {
		if (rawPath == null) {
			return "";
		}
		StringBuilder normalized = new StringBuilder(rawPath.length());
		for (int i = 0; i < rawPath.length(); i++) {
			char c = rawPath.charAt(i);
			if (c != '%') {
				normalized.append(c);
				continue;
			}
			if (i + 2 >= rawPath.length()) {
				return null;
			}
			int value = Integer.parseInt(rawPath.substring(i + 1, i + 3), 16); // URI already checked the digits
			char decoded = (char) value;
			if (value < 0x80 && (Character.isLetterOrDigit(decoded) || UNRESERVED_PUNCTUATION.indexOf(decoded) >= 0)) {
				normalized.append(decoded);
			}
			else {
				normalized.append('%').append(rawPath.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
			}
			i += 2;
		}
		return normalized.toString();
	}

}
