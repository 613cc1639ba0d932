package dev.unifiedauth.authserver.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import dev.unifiedauth.core.audit.AuditEvent;

/**
 * One row of the audit trail: an {@link AuditEvent} at its place in the hash chain. {@code hash} is
 * SHA-256({@code prev_hash} as 32 bytes ‖ UTF-8 of the RFC 8785 canonical JSON of every other member), so that
 * changing, removing or reordering an entry breaks the chain at that entry (a hash chain as in Crosby and
 * Wallach, "Efficient Data Structures for Tamper-Evident Logging", USENIX Security 2009, §3). The first entry's
 * {@code prev_hash} is {@link #GENESIS}. Members that are {@code null} are left out of the canonical JSON; times
 * are kept to the microsecond (what both databases store) and written as ISO-8601 UTC. Immutable.
 *
 * @param seq its position, 1 for the first entry, contiguous
 * @param eventId the unique id of the event (chosen by the source, so that a retried delivery is recognised)
 * @param event what happened
 * @param prevHash the hash of entry {@code seq - 1}, lower-case hex
 * @param hash this entry's hash, lower-case hex
 */
record AuditEntry(long seq, String eventId, AuditEvent event, String prevHash, String hash) {

	/** The {@code prev_hash} of entry 1: 32 zero bytes. */
	static final String GENESIS = "0".repeat(64);

	static final int MAX_SHORT = 64;

	static final int MAX_TEXT = 200;

	static final int MAX_CHAIN_JSON = 2000;

	static final int MAX_DETAILS_JSON = 16000;

	/** Three base64url segments starting with {@code {"}: a JWS/JWT (an access token, an ID token, a DPoP proof). */
	private static final Pattern COMPACT_JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]+\\.");

	/** A whole JWS (3 parts) or JWE (5 parts) in compact serialization, for redaction. */
	private static final Pattern WHOLE_COMPACT_JOSE = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}(\\.[A-Za-z0-9_-]*){1,4}");

	/**
	 * The entry after the one whose hash is {@code prevHash}.
	 * @throws IllegalArgumentException if the event is too large for a row or holds something that looks like a
	 * token (entries name tokens by {@code jti}, never hold them)
	 */
	static AuditEntry next(long seq, String eventId, AuditEvent event, String prevHash) {
		AuditEvent normalized = new AuditEvent(event.time().truncatedTo(ChronoUnit.MICROS), event.type(),
				event.decision(), event.reason(), event.source(), event.clientId(), event.chain(), event.taskId(),
				event.resource(), event.action(), event.jti(), event.details());
		check(eventId, normalized);
		return new AuditEntry(seq, eventId, normalized, prevHash, hashOf(seq, eventId, normalized, prevHash));
	}

	/** The hash the members of a row must have; the verifier compares it with the stored one. */
	static String hashOf(long seq, String eventId, AuditEvent event, String prevHash) {
		MessageDigest digest = sha256();
		digest.update(HexFormat.of().parseHex(prevHash));
		digest.update(canonicalJson(seq, eventId, event, prevHash).getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(digest.digest());
	}

	/** The RFC 8785 canonical JSON of the entry without its hash: what {@link #hash} covers after prev_hash. */
	static String canonicalJson(long seq, String eventId, AuditEvent event, String prevHash) {
		Map<String, Object> members = new LinkedHashMap<>();
		members.put("seq", seq);
		members.put("event_id", eventId);
		members.put("time", event.time().toString());
		put(members, "type", event.type());
		put(members, "decision", event.decision());
		put(members, "reason", event.reason());
		put(members, "source", event.source());
		put(members, "client_id", event.clientId());
		members.put("chain", event.chain());
		put(members, "task_id", event.taskId());
		put(members, "resource", event.resource());
		put(members, "action", event.action());
		put(members, "jti", event.jti());
		members.put("details", event.details());
		members.put("prev_hash", prevHash);
		return Jcs.canonical(members);
	}

	/** The human (or first party) at the root of the chain, or {@code null}. */
	String chainRoot() {
		return this.event.chain().isEmpty() ? null : this.event.chain().get(0);
	}

	/** The entry as the query API shows it: the hashed members (nulls left out) and the hash. */
	Map<String, Object> toJson() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("seq", this.seq);
		json.put("event_id", this.eventId);
		json.put("time", this.event.time().toString());
		json.put("type", this.event.type());
		put(json, "decision", this.event.decision());
		put(json, "reason", this.event.reason());
		put(json, "source", this.event.source());
		put(json, "client_id", this.event.clientId());
		json.put("chain", this.event.chain());
		put(json, "task_id", this.event.taskId());
		put(json, "resource", this.event.resource());
		put(json, "action", this.event.action());
		put(json, "jti", this.event.jti());
		json.put("details", this.event.details());
		json.put("prev_hash", this.prevHash);
		json.put("hash", this.hash);
		return json;
	}

	private static void check(String eventId, AuditEvent event) {
		require(eventId != null && !eventId.isBlank() && eventId.length() <= MAX_SHORT, "event_id");
		require(event.type() != null && !event.type().isBlank() && event.type().length() <= MAX_SHORT, "type");
		require(event.source() != null && !event.source().isBlank() && event.source().length() <= MAX_TEXT, "source");
		require(fits(event.decision(), MAX_SHORT), "decision");
		require(fits(event.reason(), MAX_TEXT), "reason");
		require(fits(event.clientId(), MAX_TEXT), "client_id");
		require(fits(event.taskId(), MAX_TEXT), "task_id");
		require(fits(event.resource(), MAX_SHORT), "resource");
		require(fits(event.action(), MAX_SHORT), "action");
		require(fits(event.jti(), MAX_TEXT), "jti");
		for (String actor : event.chain()) {
			require(actor != null && !actor.isBlank() && actor.length() <= MAX_TEXT, "chain");
		}
		require(Jcs.canonical(event.chain()).length() <= MAX_CHAIN_JSON, "chain");
		require(Jcs.canonical(event.details()).length() <= MAX_DETAILS_JSON, "details");
		String all = Jcs.canonical(Arrays.asList(eventId, event.type(), event.decision(), event.reason(),
				event.source(), event.clientId(), event.chain(), event.taskId(), event.resource(), event.action(),
				event.jti(), event.details()));
		if (COMPACT_JWT.matcher(all).find()) {
			// OAuth 2.1 §7.1.3.1 / security case F10: tokens, proofs and secrets never reach the trail
			throw new IllegalArgumentException("An audit entry must name tokens by jti, never hold one");
		}
	}

	/** {@code value} with anything that looks like a JWS/JWT replaced, so that it can be recorded. */
	static String redactTokens(String value) {
		return (value != null) ? WHOLE_COMPACT_JOSE.matcher(value).replaceAll("[token redacted]") : null;
	}

	private static boolean fits(String value, int max) {
		return value == null || value.length() <= max;
	}

	private static void require(boolean condition, String member) {
		if (!condition) {
			throw new IllegalArgumentException("Audit event member " + member + " is missing or too long");
		}
	}

	private static void put(Map<String, Object> members, String name, String value) {
		if (value != null) {
			members.put(name, value);
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
		}
	}

}
