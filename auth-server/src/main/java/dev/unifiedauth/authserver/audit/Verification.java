package dev.unifiedauth.authserver.audit;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of verifying the trail: OK, or the first bad sequence number and what is wrong there. Immutable.
 * ({@link #ok} and {@link #report} are public for the page template.)
 *
 * @param entries how many entries were read
 * @param checkpoints how many checkpoints in the database were checked
 * @param exportedCheckpoints how many checkpoints of the exported file were checked
 * @param problem what is wrong, or {@code null} when the trail verifies
 * @param firstBadSeq the first sequence number that is (or may be) bad, or {@code 0} when the trail verifies
 * @param message a sentence for people
 * @param warning something worth knowing that does not fail verification (e.g. no exported checkpoints), or
 * {@code null}
 */
record Verification(long entries, int checkpoints, int exportedCheckpoints, Problem problem, long firstBadSeq,
		String message, String warning) {

	public boolean ok() {
		return this.problem == null;
	}

	/** One line, e.g. {@code Audit trail FAILED at seq 17: value changed - ...}. */
	public String report() {
		String counts = this.entries + " entries, " + this.checkpoints + " checkpoints, " + this.exportedCheckpoints
				+ " exported checkpoints checked";
		String line = ok() ? "Audit trail OK: " + counts
				: "Audit trail FAILED at seq " + this.firstBadSeq + ": " + this.problem.label() + " - " + this.message
						+ " (" + counts + ")";
		return (this.warning != null) ? line + ". Warning: " + this.warning : line;
	}

	Map<String, Object> toJson() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("status", ok() ? "ok" : "failed");
		json.put("entries", this.entries);
		json.put("checkpoints", this.checkpoints);
		json.put("exported_checkpoints", this.exportedCheckpoints);
		if (!ok()) {
			json.put("first_bad_seq", this.firstBadSeq);
			json.put("problem", this.problem.code());
			json.put("message", this.message);
		}
		if (this.warning != null) {
			json.put("warning", this.warning);
		}
		json.put("report", report());
		return json;
	}

	/** What can be wrong with a trail. */
	enum Problem {

		/** An entry's members no longer hash to its stored hash. */
		VALUE_CHANGED,

		/** A sequence number is missing (an entry was deleted). */
		GAP,

		/** An entry does not chain to the one before it (reordered or rewritten with recomputed hashes). */
		PREV_MISMATCH,

		/** The trail ends before a checkpoint (or the head row) says it reached. */
		TRUNCATED,

		/** A checkpoint's signature is not the checkpoint key's. */
		BAD_SIGNATURE,

		/** A checkpoint names a hash the trail no longer has: entries up to it were rewritten. */
		CHECKPOINT_MISMATCH,

		/** The trail cannot be read at all (no table, no key). */
		UNREADABLE;

		String code() {
			return name().toLowerCase(Locale.ROOT);
		}

		String label() {
			return code().replace('_', ' ');
		}

	}

}
