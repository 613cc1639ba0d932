package dev.unifiedauth.core.policy;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a policy file that cannot be used into Spring Boot's start-up failure report: the file, line and problem
 * as the description, what to do as the action. Registered in {@code META-INF/spring.factories}; used by both
 * servers.
 */
public final class PolicyFailureAnalyzer extends AbstractFailureAnalyzer<PolicyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PolicyException cause) {
		return new FailureAnalysis("The permission policy cannot be used: " + cause.getMessage(),
				"Correct the policy file (or point unified-auth.policy.location at a valid one) and start again."
						+ " The format is described at the top of the default policy,"
						+ " dev/unifiedauth/core/policy/default-policy.yaml in unified-auth-core.",
				cause);
	}

}
