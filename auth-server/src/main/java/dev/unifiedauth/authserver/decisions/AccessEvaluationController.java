package dev.unifiedauth.authserver.decisions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.unifiedauth.authserver.UnifiedAuthProperties;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The AuthZEN endpoints: {@code POST /access/v1/evaluation} (§6), {@code POST /access/v1/evaluations} (§7, at
 * most {@value #MAX_EVALUATIONS} per call) and the PDP metadata {@code GET /.well-known/authzen-configuration}
 * (§9). Callers authenticate as OAuth clients (HTTP Basic).
 */
@RestController
final class AccessEvaluationController {

	static final int MAX_EVALUATIONS = 50;

	private final AccessEvaluations evaluations;

	private final String issuer;

	AccessEvaluationController(AccessEvaluations evaluations, UnifiedAuthProperties properties) {
		this.evaluations = evaluations;
		this.issuer = properties.issuer();
	}

	@PostMapping("/access/v1/evaluation")
	Map<String, Object> evaluation(@RequestBody EvaluationRequest request) {
		return this.evaluations.evaluate(caller(), request);
	}

	@PostMapping("/access/v1/evaluations")
	Map<String, Object> evaluations(@RequestBody EvaluationRequest batch) {
		if (batch.evaluations() == null || batch.evaluations().isEmpty()) {
			return evaluation(batch); // §7.1: without evaluations it is a single evaluation
		}
		if (batch.evaluations().size() > MAX_EVALUATIONS) {
			throw new IllegalArgumentException("At most " + MAX_EVALUATIONS + " evaluations per request");
		}
		List<Map<String, Object>> results = new ArrayList<>();
		for (EvaluationRequest evaluation : batch.evaluations()) {
			results.add(this.evaluations.evaluate(caller(), evaluation.defaultingTo(batch)));
		}
		return Map.of("evaluations", results);
	}

	@GetMapping("/.well-known/authzen-configuration")
	Map<String, Object> configuration() {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("policy_decision_point", this.issuer);
		metadata.put("access_evaluation_endpoint", this.issuer + "/access/v1/evaluation");
		metadata.put("access_evaluations_endpoint", this.issuer + "/access/v1/evaluations");
		return metadata;
	}

	@ExceptionHandler({ IllegalArgumentException.class, HttpMessageNotReadableException.class })
	ResponseEntity<Map<String, String>> badRequest(Exception ex) {
		String description = (ex instanceof IllegalArgumentException) ? ex.getMessage()
				: "The body must be an AuthZEN evaluation request in JSON";
		return ResponseEntity.status(HttpStatus.BAD_REQUEST)
			.body(Map.of("error", "invalid_request", "error_description", description));
	}

	/** The authenticated client (the filter chain guarantees one). */
	private static RegisteredClient caller() {
		return ((OAuth2ClientAuthenticationToken) SecurityContextHolder.getContext().getAuthentication())
			.getRegisteredClient();
	}

}
