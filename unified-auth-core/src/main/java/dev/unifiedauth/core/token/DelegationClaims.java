package dev.unifiedauth.core.token;

/**
 * Names of the claims delegated access tokens carry besides the RFC 9068 ones.
 */
public final class DelegationClaims {

	/** RFC 8693 §4.1: the actor chain, outermost = current actor. */
	public static final String ACT = "act";

	/** RFC 8693 §4.4: who may act next for the subject. */
	public static final String MAY_ACT = "may_act";

	/** RFC 9449 §6.1: the confirmation, {@code {"jkt": thumbprint}}. */
	public static final String CNF = "cnf";

	/** The task the token is bound to; inherited on sub-delegation, never changed. */
	public static final String TASK_ID = "task_id";

	/** The resources ({@code documents}, ...) the delegation was limited to; absent means not limited. */
	public static final String SCOPED_RESOURCES = "scoped_resources";

	/** {@code true} once a delegation was made read-only: only non-writing actions remain. */
	public static final String READ_ONLY = "read_only";

	private DelegationClaims() {
	}

}
