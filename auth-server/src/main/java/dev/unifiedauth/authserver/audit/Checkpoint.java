package dev.unifiedauth.authserver.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A signed statement "the trail had entry {@code seq} with hash {@code hash} at {@code time}", like a signed tree
 * head of Certificate Transparency (RFC 6962 §3.5): against it, a trail whose entries up to {@code seq} were
 * rewritten, or that ends before {@code seq}, is detected. The signature is Ed25519 over the RFC 8785 canonical
 * JSON of {@code {"hash", "key_id", "seq", "time"}}. Immutable.
 *
 * @param seq the entry it covers (and, with it, every entry before)
 * @param hash that entry's hash
 * @param time when it was signed, to the microsecond
 * @param keyId the id of the signing key
 * @param signature the Ed25519 signature, base64url
 */
record Checkpoint(long seq, String hash, Instant time, String keyId, String signature) {

	/** Signs a checkpoint of entry {@code seq} whose hash is {@code hash}. */
	static Checkpoint sign(long seq, String hash, Instant time, CheckpointKey key) {
		Instant signedAt = time.truncatedTo(ChronoUnit.MICROS);
		String signature = key.sign(payload(seq, hash, signedAt, key.keyId()));
		return new Checkpoint(seq, hash, signedAt, key.keyId(), signature);
	}

	/** Whether {@code key} signed exactly these values. */
	boolean signedBy(CheckpointKey key) {
		return this.keyId.equals(key.keyId()) && key.verify(payload(this.seq, this.hash, this.time, this.keyId),
				this.signature);
	}

	/** The checkpoint as one line of the exported file (canonical JSON, no line break). */
	String toJsonLine() {
		Map<String, Object> members = new LinkedHashMap<>();
		members.put("seq", this.seq);
		members.put("hash", this.hash);
		members.put("time", this.time.toString());
		members.put("key_id", this.keyId);
		members.put("signature", this.signature);
		return Jcs.canonical(members);
	}

	/**
	 * Reads a line of the exported file.
	 * @throws IllegalArgumentException if it is not a checkpoint
	 */
	static Checkpoint parse(String line) {
		JsonNode json = AuditJson.parse(line);
		if (!json.isObject() || !json.path("seq").isIntegralNumber() || !json.path("hash").isString()
				|| !json.path("time").isString() || !json.path("key_id").isString()
				|| !json.path("signature").isString()) {
			throw new IllegalArgumentException("Not a checkpoint: " + line);
		}
		try {
			return new Checkpoint(json.get("seq").longValue(), json.get("hash").stringValue(),
					Instant.parse(json.get("time").stringValue()), json.get("key_id").stringValue(),
					json.get("signature").stringValue());
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("Not a checkpoint time: " + line, ex);
		}
	}

	private static byte[] payload(long seq, String hash, Instant time, String keyId) {
		Map<String, Object> members = new LinkedHashMap<>();
		members.put("seq", seq);
		members.put("hash", hash);
		members.put("time", time.toString());
		members.put("key_id", keyId);
		return Jcs.canonical(members).getBytes(StandardCharsets.UTF_8);
	}

}
