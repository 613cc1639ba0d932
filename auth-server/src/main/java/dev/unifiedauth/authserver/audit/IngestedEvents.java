package dev.unifiedauth.authserver.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.unifiedauth.core.audit.AuditEvent;
import tools.jackson.databind.JsonNode;

/**
 * Reads a resource server's delivery of audit events: a JSON array of objects with the members of an entry
 * ({@code event_id}, {@code time}, {@code type} required; {@code decision}, {@code reason}, {@code source},
 * {@code client_id}, {@code chain}, {@code task_id}, {@code resource}, {@code action}, {@code jti},
 * {@code details} optional, nothing else). The {@code event_id} is a UUID the resource server chose, so that a
 * retried delivery is recognised; {@code source}, if given, must be the caller's resource identifier, and is
 * set to it otherwise. Anything else is refused with the index of the event and the member at fault.
 */
final class IngestedEvents {

	private static final Set<String> MEMBERS = Set.of("event_id", "time", "type", "decision", "reason", "source",
			"client_id", "chain", "task_id", "resource", "action", "jti", "details");

	private static final Pattern UUID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

	private IngestedEvents() {
	}

	/**
	 * @param body the request body
	 * @param source the caller's resource identifier
	 * @param max the most events one delivery may hold
	 * @throws IllegalArgumentException naming what is wrong
	 */
	static List<AuditTrail.Pending> parse(String body, String source, int max) {
		JsonNode array = AuditJson.parse(body);
		if (!array.isArray()) {
			throw new IllegalArgumentException("The body must be a JSON array of events");
		}
		if (array.size() > max) {
			throw new IllegalArgumentException("At most " + max + " events per delivery");
		}
		List<AuditTrail.Pending> events = new ArrayList<>();
		int index = 0;
		for (JsonNode event : array.values()) {
			try {
				events.add(parse(event, source));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("events[" + index + "]: " + ex.getMessage(), ex);
			}
			index++;
		}
		return events;
	}

	private static AuditTrail.Pending parse(JsonNode event, String source) {
		if (!event.isObject()) {
			throw new IllegalArgumentException("not an object");
		}
		for (Map.Entry<String, JsonNode> member : event.properties()) {
			if (!MEMBERS.contains(member.getKey())) {
				throw new IllegalArgumentException("unknown member " + member.getKey());
			}
		}
		String eventId = required(event, "event_id");
		if (!UUID.matcher(eventId).matches()) {
			throw new IllegalArgumentException("event_id must be a UUID");
		}
		String type = required(event, "type");
		if (!TYPE.matcher(type).matches()) {
			throw new IllegalArgumentException("type must be lower-case letters, digits, '.', '_' or '-'");
		}
		String claimedSource = optional(event, "source");
		if (claimedSource != null && !claimedSource.equals(source)) {
			throw new IllegalArgumentException("source must be the caller's resource identifier " + source);
		}
		AuditEvent parsed = new AuditEvent(time(required(event, "time")), type, optional(event, "decision"),
				optional(event, "reason"), source, optional(event, "client_id"),
				event.has("chain") ? AuditJson.strings(event.get("chain"), "chain") : List.of(),
				optional(event, "task_id"), optional(event, "resource"), optional(event, "action"),
				optional(event, "jti"),
				event.has("details") ? AuditJson.stringMap(event.get("details"), "details") : Map.of());
		String normalizedId = eventId.toLowerCase(Locale.ROOT);
		AuditEntry.next(1, normalizedId, parsed, AuditEntry.GENESIS); // sizes, and never a token
		return new AuditTrail.Pending(normalizedId, parsed);
	}

	private static Instant time(String value) {
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("time must be an RFC 3339 date-time, e.g. 2026-03-01T09:00:00Z");
		}
	}

	private static String required(JsonNode event, String member) {
		String value = optional(event, member);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(member + " is required");
		}
		return value;
	}

	private static String optional(JsonNode event, String member) {
		JsonNode value = event.get(member);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new IllegalArgumentException(member + " must be a string");
		}
		return value.stringValue();
	}

}
