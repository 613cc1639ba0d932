package dev.unifiedauth.core.policy;

/**
 * The answer to "may this token do this operation?". Immutable.
 *
 * @param effect what the caller must do
 * @param tier the operation's tier ({@code null} when the token was not even valid)
 * @param reason why
 */
public record Decision(Effect effect, Tier tier, Reason reason) {

	public boolean allowed() {
		return this.effect == Effect.ALLOW;
	}

	/** What a decision lets the operation do. */
	public enum Effect {

		/** Run it. */
		ALLOW,

		/** Ask the root human; run it once approved. */
		REQUIRE_APPROVAL,

		/** Refuse it. */
		DENY

	}

}
