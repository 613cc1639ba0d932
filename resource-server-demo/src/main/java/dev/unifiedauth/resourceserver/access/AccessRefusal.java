package dev.unifiedauth.resourceserver.access;

import dev.unifiedauth.core.policy.Reason;

/**
 * Thrown where a request is refused, carrying the {@link AccessError} to answer with; caught by the one filter
 * that writes it. Carries no stack trace: it is an answer, not a failure.
 */
final class AccessRefusal extends RuntimeException {

	private final AccessError error;

	private final String check;

	private final AccessToken token;

	private final Reason reason;

	/**
	 * @param error the answer
	 * @param check for the audit record: which check failed (e.g. a DPoP proof reason code), or {@code null}
	 * @param token the token, when its signature and claims verified before the refusal; otherwise {@code null}
	 * @param reason the decision's reason code for the audit record
	 */
	AccessRefusal(AccessError error, String check, AccessToken token, Reason reason) {
		super(error.code() + ": " + error.description(), null, false, false);
		this.error = error;
		this.check = check;
		this.token = token;
		this.reason = reason;
	}

	AccessRefusal(AccessError error, String check, AccessToken token) {
		this(error, check, token, Reason.INVALID_TOKEN);
	}

	AccessRefusal(AccessError error, String check) {
		this(error, check, null);
	}

	AccessRefusal(AccessError error) {
		this(error, null, null);
	}

	AccessError error() {
		return this.error;
	}

	String check() {
		return this.check;
	}

	AccessToken token() {
		return this.token;
	}

	Reason reason() {
		return this.reason;
	}

}
