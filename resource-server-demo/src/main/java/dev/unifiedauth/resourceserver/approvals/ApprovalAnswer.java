package dev.unifiedauth.resourceserver.approvals;

/**
 * What the authorization server's approval API said about one SUPERVISED operation. Immutable.
 *
 * @param status approved (consumed now), pending, or denied
 * @param approvalId the approval's id ({@code apr_...}); {@code null} when approved
 * @param approvalUri where the root human decides; only when pending
 */
public record ApprovalAnswer(Status status, String approvalId, String approvalUri) {

	public static ApprovalAnswer approved() {
		return new ApprovalAnswer(Status.APPROVED, null, null);
	}

	public static ApprovalAnswer pending(String approvalId, String approvalUri) {
		return new ApprovalAnswer(Status.PENDING, approvalId, approvalUri);
	}

	public static ApprovalAnswer denied(String approvalId) {
		return new ApprovalAnswer(Status.DENIED, approvalId, null);
	}

	/** The state of the approval. */
	public enum Status {

		/** The root human approved exactly this operation, and this use consumed the approval (single use). */
		APPROVED,

		/** Nobody has decided yet. */
		PENDING,

		/** The root human refused. */
		DENIED

	}

}
