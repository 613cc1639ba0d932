package dev.unifiedauth.authserver.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Strict reading of the JSON an audit entry holds: the {@code chain} (an array of strings), the {@code details}
 * (an object whose values are strings) and ingested events. Duplicate member names are refused (RFC 8785 §3.1
 * assumes I-JSON, RFC 7493 §2.3). Thread-safe.
 */
final class AuditJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private AuditJson() {
	}

	/**
	 * @throws IllegalArgumentException if {@code text} is not JSON
	 */
	static JsonNode parse(String text) {
		try {
			return MAPPER.readTree(text);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Not JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * @throws IllegalArgumentException unless {@code node} is an array of strings
	 */
	static List<String> strings(JsonNode node, String member) {
		if (node == null || !node.isArray()) {
			throw new IllegalArgumentException(member + " must be an array of strings");
		}
		List<String> values = new ArrayList<>();
		for (JsonNode value : node.values()) {
			if (!value.isString()) {
				throw new IllegalArgumentException(member + " must be an array of strings");
			}
			values.add(value.stringValue());
		}
		return values;
	}

	/**
	 * @throws IllegalArgumentException unless {@code node} is an object whose values are strings
	 */
	static Map<String, String> stringMap(JsonNode node, String member) {
		if (node == null || !node.isObject()) {
			throw new IllegalArgumentException(member + " must be an object of strings");
		}
		Map<String, String> values = new TreeMap<>();
		for (Map.Entry<String, JsonNode> property : node.properties()) {
			if (!property.getValue().isString()) {
				throw new IllegalArgumentException(member + "." + property.getKey() + " must be a string");
			}
			values.put(property.getKey(), property.getValue().stringValue());
		}
		return values;
	}

}
