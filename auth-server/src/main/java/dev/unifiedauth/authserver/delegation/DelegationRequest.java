package dev.unifiedauth.authserver.delegation;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.unifiedauth.core.token.TaskId;

/**
 * What a token-exchange request asks to narrow. Immutable.
 *
 * @param scopes requested scopes; {@code null} when the request has no {@code scope} (RFC 8693 §2.1)
 * @param resources RFC 8707 {@code resource} URIs: resource servers the token is for
 * @param audiences RFC 8693 {@code audience} logical names: resources ({@code documents}) to limit the token to
 * @param readOnly whether to keep only non-writing actions
 * @param task the task to bind to; required when the subject is a human's own token
 * @param mayActNext the only agent allowed to act next on the issued token, or {@code null}
 * @param taskLifetime how long the task may run, when this exchange starts it ({@code task_expires_in}), or
 * {@code null}
 */
public record DelegationRequest(Set<String> scopes, List<String> resources, List<String> audiences, boolean readOnly,
		TaskId task, String mayActNext, Duration taskLifetime) {

	public DelegationRequest {
		scopes = (scopes != null) ? Set.copyOf(scopes) : null;
		resources = List.copyOf(resources);
		audiences = List.copyOf(audiences);
	}

	/** A request that sets no task deadline. */
	public DelegationRequest(Set<String> scopes, List<String> resources, List<String> audiences, boolean readOnly,
			TaskId task, String mayActNext) {
		this(scopes, resources, audiences, readOnly, task, mayActNext, null);
	}

}
