package dev.unifiedauth.authserver.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON Canonicalization Scheme (RFC 8785) for the values an audit entry holds: objects with string keys,
 * arrays, strings, integers, booleans and {@code null}. Members are sorted by their names as UTF-16 code units
 * (§3.2.3, which is {@link String#compareTo}); strings are escaped as ECMAScript's {@code JSON.stringify} does
 * (§3.2.2.2): {@code "} and {@code \}, the short forms {@code \b \f \n \r \t}, other control characters and lone
 * surrogates as {@code \}{@code u} with four lower-case hex digits, everything else literally; no whitespace
 * (§3.2.1). Floating-point numbers are refused (entries never hold them). Stateless and thread-safe.
 */
final class Jcs {

	private Jcs() {
	}

	/** The canonical form of {@code value}. */
	static String canonical(Object value) {
		StringBuilder out = new StringBuilder(256);
		write(value, out);
		return out.toString();
	}

	/** {@code value} as a JSON string literal, quotes included. */
	static String quote(String value) {
		StringBuilder out = new StringBuilder(value.length() + 2);
		writeString(value, out);
		return out.toString();
	}

	private static void write(Object value, StringBuilder out) {
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof String string) {
			writeString(string, out);
		}
		else if (value instanceof Boolean bool) {
			out.append(bool.booleanValue());
		}
		else if (value instanceof Long || value instanceof Integer) {
			long number = ((Number) value).longValue();
			// RFC 8785 §3.2.2.3: numbers are IEEE 754 doubles; beyond 2^53 an integer would not round-trip
			if (Math.abs(number) > (1L << 53)) {
				throw new IllegalArgumentException("Integer out of the exactly representable range: " + number);
			}
			out.append(number);
		}
		else if (value instanceof Map<?, ?> map) {
			writeObject(map, out);
		}
		else if (value instanceof List<?> list) {
			out.append('[');
			for (int i = 0; i < list.size(); i++) {
				if (i > 0) {
					out.append(',');
				}
				write(list.get(i), out);
			}
			out.append(']');
		}
		else {
			throw new IllegalArgumentException("Not a canonical JSON value: " + value.getClass().getName());
		}
	}

	private static void writeObject(Map<?, ?> map, StringBuilder out) {
		List<String> names = new ArrayList<>(map.size());
		for (Object name : map.keySet()) {
			if (!(name instanceof String string)) {
				throw new IllegalArgumentException("JSON member names are strings");
			}
			names.add(string);
		}
		names.sort(String::compareTo); // RFC 8785 §3.2.3: UTF-16 code units
		out.append('{');
		for (int i = 0; i < names.size(); i++) {
			if (i > 0) {
				out.append(',');
			}
			writeString(names.get(i), out);
			out.append(':');
			write(map.get(names.get(i)), out);
		}
		out.append('}');
	}

	private static void writeString(String value, StringBuilder out) {
		out.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20 || isLoneSurrogate(value, i)) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

	private static boolean isLoneSurrogate(String value, int i) {
		char c = value.charAt(i);
		if (Character.isHighSurrogate(c)) {
			return i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1));
		}
		if (Character.isLowSurrogate(c)) {
			return i == 0 || !Character.isHighSurrogate(value.charAt(i - 1));
		}
		return false;
	}

}
