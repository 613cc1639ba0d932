package dev.unifiedauth.core.policy;

/**
 * The policy file cannot be used. The message names the file, the line and column, and the problem, e.g.
 * {@code policy.yaml:12:7: unknown tier 'FRE' (expected FREE, SUPERVISED or FORBIDDEN)}.
 */
public final class PolicyException extends RuntimeException {

	PolicyException(String message) {
		super(message);
	}

	PolicyException(String message, Throwable cause) {
		super(message, cause);
	}

	/** The policy file could not be read at all. */
	public static PolicyException unreadable(String location, Throwable cause) {
		return new PolicyException(location + ": cannot be read (" + cause.getMessage() + ")", cause);
	}

}
