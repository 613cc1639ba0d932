package dev.unifiedauth.authserver.decisions;

import java.util.List;
import java.util.Map;

/**
 * An AuthZEN access evaluation request (§6.1) or batch (§7.1). The token to evaluate is
 * {@code subject.properties.token}; the operation is {@code resource.type + ":" + action.name}; in a batch, an
 * evaluation's missing parts are taken from the request's top-level ones (§7.1.1).
 *
 * @param subject who asks (its access token)
 * @param action what it wants to do
 * @param resource on what
 * @param context anything else (unused)
 * @param evaluations the evaluations of a batch
 */
record EvaluationRequest(Entity subject, Entity action, Entity resource, Map<String, Object> context,
		List<EvaluationRequest> evaluations) {

	/** A subject, action or resource: {@code type}/{@code name}, {@code id} and {@code properties}. */
	record Entity(String type, String name, String id, Map<String, Object> properties) {
	}

	EvaluationRequest defaultingTo(EvaluationRequest batch) {
		return new EvaluationRequest((this.subject != null) ? this.subject : batch.subject,
				(this.action != null) ? this.action : batch.action,
				(this.resource != null) ? this.resource : batch.resource,
				(this.context != null) ? this.context : batch.context, null);
	}

}
