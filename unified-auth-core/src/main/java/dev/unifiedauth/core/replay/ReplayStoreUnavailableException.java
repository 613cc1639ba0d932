package dev.unifiedauth.core.replay;

/**
 * The replay store cannot say whether an identifier was used (it is full or unreachable). The request that
 * carried the identifier must be refused (503), never accepted unchecked.
 */
public final class ReplayStoreUnavailableException extends RuntimeException {

	public ReplayStoreUnavailableException(String message) {
		super(message);
	}

	public ReplayStoreUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
