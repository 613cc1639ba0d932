package dev.unifiedauth.authserver.approvals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /approvals/v1/check}: a resource server (HTTP Basic client authentication) reports the SUPERVISED
 * operation an agent token met and learns whether it may run (once), or where the human decides.
 * Request: {@code {"token", "resource", "action", "target"}}; response:
 * {@code {"status": "approved" | "pending" | "denied", "approval_id", "approval_uri"}}.
 */
@RestController
final class ApprovalApiController {

	private final ApprovalService approvals;

	ApprovalApiController(ApprovalService approvals) {
		this.approvals = approvals;
	}

	@PostMapping("/approvals/v1/check")
	Map<String, Object> check(@RequestBody CheckRequest request) {
		OAuth2ClientAuthenticationToken caller = (OAuth2ClientAuthenticationToken) SecurityContextHolder.getContext()
			.getAuthentication();
		ApprovalService.CheckResult result = this.approvals.check(caller.getRegisteredClient(), request.token(),
				request.resource(), request.action(), request.target());
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("status", result.status());
		response.put("approval_id", result.approvalId());
		if (result.approvalUri() != null) {
			response.put("approval_uri", result.approvalUri());
		}
		return response;
	}

	@ExceptionHandler({ IllegalArgumentException.class, HttpMessageNotReadableException.class })
	ResponseEntity<Map<String, String>> badRequest(Exception ex) {
		String description = (ex instanceof IllegalArgumentException) ? ex.getMessage()
				: "The body must be {\"token\", \"resource\", \"action\", \"target\"} in JSON";
		return ResponseEntity.status(HttpStatus.BAD_REQUEST)
			.body(Map.of("error", "invalid_request", "error_description", description));
	}

	/** The body of a check. */
	record CheckRequest(String token, String resource, String action, String target) {
	}

}
