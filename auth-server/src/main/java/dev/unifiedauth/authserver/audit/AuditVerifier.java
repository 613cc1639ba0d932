package dev.unifiedauth.authserver.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import dev.unifiedauth.authserver.audit.Verification.Problem;

/**
 * Verifies the trail: recomputes every entry's hash and its link to the one before (the hash chain), checks that
 * {@code seq} has no gap, checks every checkpoint's signature (in the database and in the exported file) and that
 * the trail still has the hash each checkpoint names, and that the trail reaches every checkpoint and the head.
 * Reports the first bad sequence number (cf. the digest verification of Amazon QLDB and RFC 6962 §3.5 signed tree
 * heads): an edited entry fails at its seq (value changed), a deleted one at the missing seq (gap), moved ones
 * where the order breaks (prev mismatch), a cut tail after the last entry left (truncated) — the last only
 * against a checkpoint that still reaches past it, which after a thorough cut is the exported one (F04).
 * Reads the trail once, holding only the hashes at checkpoints. Thread-safe.
 */
final class AuditVerifier {

	private final AuditTrail trail;

	private final CheckpointKey key;

	private final CheckpointExport export;

	AuditVerifier(AuditTrail trail, CheckpointKey key, CheckpointExport export) {
		this.trail = trail;
		this.key = key;
		this.export = export;
	}

	Verification verify() {
		List<Checkpoint> stored = this.trail.checkpoints();
		CheckpointExport.Contents exported = this.export.read();
		Set<Long> checkpointSeqs = new TreeSet<>();
		stored.forEach((checkpoint) -> checkpointSeqs.add(checkpoint.seq()));
		exported.checkpoints().forEach((checkpoint) -> checkpointSeqs.add(checkpoint.seq()));
		ChainCheck chain = new ChainCheck(checkpointSeqs);
		this.trail.scan(chain::accept);
		List<Finding> findings = new ArrayList<>();
		if (chain.finding != null) {
			findings.add(chain.finding);
		}
		long last = chain.expected - 1;
		AuditTrail.Head head = this.trail.head();
		if (head.seq() > last) {
			findings.add(new Finding(Problem.TRUNCATED, last + 1,
					"the head row says the trail reaches seq " + head.seq() + " but it ends at seq " + last));
		}
		Set<Checkpoint> inDatabase = new HashSet<>(stored);
		Set<Checkpoint> distinct = new LinkedHashSet<>(stored);
		distinct.addAll(exported.checkpoints());
		List<Checkpoint> all = new ArrayList<>(distinct);
		all.sort(Comparator.comparingLong(Checkpoint::seq));
		long lastGood = 0;
		for (Checkpoint checkpoint : all) {
			String where = (inDatabase.contains(checkpoint) ? "checkpoint" : "exported checkpoint") + " at seq "
					+ checkpoint.seq() + " (signed " + checkpoint.time() + ")";
			if (!checkpoint.signedBy(this.key)) {
				findings.add(new Finding(Problem.BAD_SIGNATURE, checkpoint.seq(),
						"the " + where + " is not signed by checkpoint key " + this.key.keyId()));
			}
			else if (checkpoint.seq() > last) {
				// RFC 6962 §3.5: a signed head the log no longer reaches
				findings.add(new Finding(Problem.TRUNCATED, last + 1,
						"the trail ends at seq " + last + " but the " + where + " covers seq " + checkpoint.seq()));
			}
			else if (!checkpoint.hash().equals(chain.hashes.get(checkpoint.seq()))) {
				findings.add(new Finding(Problem.CHECKPOINT_MISMATCH, lastGood + 1,
						"the " + where + " names another hash: entries after seq " + lastGood + " up to seq "
								+ checkpoint.seq() + " were rewritten and rehashed"));
			}
			else {
				lastGood = Math.max(lastGood, checkpoint.seq());
			}
		}
		Finding first = findings.stream().min(Comparator.comparingLong(Finding::seq)).orElse(null);
		return new Verification(chain.count, stored.size(), exported.checkpoints().size(),
				(first != null) ? first.problem() : null, (first != null) ? first.seq() : 0,
				(first != null) ? first.message() : null, warning(exported, head, last, chain.lastHash));
	}

	private String warning(CheckpointExport.Contents exported, AuditTrail.Head head, long last, String lastHash) {
		List<String> warnings = new ArrayList<>();
		if (!exported.exists()) {
			warnings.add("no exported checkpoints in " + this.export.file()
					+ ", so a trail cut after its last stored checkpoint would go unnoticed");
		}
		if (exported.unreadableLines() > 0) {
			warnings.add(exported.unreadableLines() + " unreadable line(s) in " + this.export.file());
		}
		if (head.seq() < last || (head.seq() == last && !head.hash().equals(lastHash))) {
			warnings.add("the head row (seq " + head.seq() + ") does not match the end of the trail (seq " + last
					+ "): appends fail until it is repaired");
		}
		return warnings.isEmpty() ? null : String.join("; ", warnings);
	}

	/**
	 * Something wrong at a sequence number.
	 *
	 * @param problem what
	 * @param seq where (the first sequence number that is, or may be, bad)
	 * @param message a sentence for people
	 */
	private record Finding(Problem problem, long seq, String message) {
	}

	/** Walks the rows in {@code seq} order; remembers the first problem and the hashes at checkpoints. */
	private static final class ChainCheck {

		private final Set<Long> checkpointSeqs;

		private final Map<Long, String> hashes = new HashMap<>();

		private long expected = 1;

		private String prevHash = AuditEntry.GENESIS;

		private String lastHash = AuditEntry.GENESIS;

		private long count;

		private Finding finding;

		ChainCheck(Set<Long> checkpointSeqs) {
			this.checkpointSeqs = checkpointSeqs;
		}

		void accept(AuditTrail.StoredEntry row) {
			AuditEntry entry = row.entry();
			this.count++;
			if (this.checkpointSeqs.contains(entry.seq())) {
				this.hashes.put(entry.seq(), entry.hash());
			}
			if (this.finding == null) {
				this.finding = check(row);
			}
			this.expected = entry.seq() + 1;
			this.prevHash = entry.hash();
			this.lastHash = entry.hash();
		}

		private Finding check(AuditTrail.StoredEntry row) {
			AuditEntry entry = row.entry();
			long seq = entry.seq();
			if (seq != this.expected) {
				return new Finding(Problem.GAP, this.expected, (seq == this.expected + 1)
						? "seq " + this.expected + " is missing" : "seq " + this.expected + " to " + (seq - 1) + " are missing");
			}
			if (row.unreadable() != null) {
				return new Finding(Problem.VALUE_CHANGED, seq, row.unreadable());
			}
			boolean hashOk = AuditEntry.hashOf(seq, entry.eventId(), entry.event(), entry.prevHash())
				.equals(entry.hash());
			boolean linkOk = this.prevHash.equals(entry.prevHash());
			if (!hashOk && !linkOk) {
				return new Finding(Problem.PREV_MISMATCH, seq, "the entry at seq " + seq
						+ " neither chains to seq " + (seq - 1) + " nor matches its own hash: it was moved or reordered");
			}
			if (!hashOk) {
				return new Finding(Problem.VALUE_CHANGED, seq,
						"the members of seq " + seq + " no longer hash to its stored hash: it was edited");
			}
			if (!linkOk) {
				long rewritten = Math.max(seq - 1, 1);
				return new Finding(Problem.PREV_MISMATCH, rewritten, "the prev_hash of seq " + seq
						+ " is not the hash of seq " + (seq - 1) + ": seq " + rewritten
						+ " was rewritten with a recomputed hash");
			}
			String root = entry.event().chain().isEmpty() ? null : entry.event().chain().get(0);
			if (!Objects.equals(root, row.chainRoot())) {
				return new Finding(Problem.VALUE_CHANGED, seq,
						"the chain_root of seq " + seq + " is not the first member of its chain: it was edited");
			}
			return null;
		}

	}

}
