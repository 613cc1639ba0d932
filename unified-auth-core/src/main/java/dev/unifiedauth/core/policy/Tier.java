package dev.unifiedauth.core.policy;

/**
 * How an operation may be performed by an agent (a token with {@code act}). Humans acting directly are governed
 * by their roles only.
 */
public enum Tier {

	/** The agent may execute it autonomously, if its token carries the scope. */
	FREE,

	/** Each execution needs the root human's approval of that exact operation. */
	SUPERVISED,

	/** Never through an agent, whatever its scopes; never put into an agent token. */
	FORBIDDEN

}
