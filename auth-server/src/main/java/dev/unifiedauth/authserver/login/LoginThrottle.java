package dev.unifiedauth.authserver.login;

import java.time.Instant;
import java.util.Optional;

/**
 * Counts failed logins per account and locks an account for a growing period after too many of them.
 * Implementations must be thread-safe and shared by every node that serves logins.
 */
public interface LoginThrottle {

	/** The end of the current lock of {@code accountKey}, if it is locked now. */
	Optional<Instant> lockedUntil(String accountKey);

	void recordFailure(String accountKey);

	void recordSuccess(String accountKey);

}
