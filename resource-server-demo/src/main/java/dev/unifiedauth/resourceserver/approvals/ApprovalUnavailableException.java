package dev.unifiedauth.resourceserver.approvals;

/**
 * The approval API gave no usable answer (unreachable, too slow, refused this server's client, or answered
 * something else than the contract allows). The operation must not run: the caller answers 503.
 */
public final class ApprovalUnavailableException extends RuntimeException {

	ApprovalUnavailableException(String message) {
		super(message);
	}

	ApprovalUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
