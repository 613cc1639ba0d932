package dev.unifiedauth.authserver.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.unifiedauth.authserver.accounts.UserAccounts;
import dev.unifiedauth.authserver.delegation.PresentedTokens;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read side of the trail for people, with a human's access token (RFC 6750; DPoP-bound tokens with their
 * proof, RFC 9449 §7):
 * <ul>
 * <li>{@code GET /audit/v1/events?actor=&type=&task=&page=&size=&order=} — one page of entries, newest first
 * unless {@code order=asc}; an administrator sees every entry, anyone else the chains rooted in them;</li>
 * <li>{@code GET /audit/v1/verify} — administrators only: recomputes the chain and checks the checkpoints.</li>
 * </ul>
 * Other tokens (an agent's, a client's) get {@code 403 insufficient_scope} (RFC 6750 §3.1).
 */
@RestController
final class AuditApiController {

	private final AuditTrail trail;

	private final AuditVerifier verifier;

	private final PresentedTokens tokens;

	private final UserAccounts accounts;

	AuditApiController(AuditTrail trail, AuditVerifier verifier, PresentedTokens tokens, UserAccounts accounts) {
		this.trail = trail;
		this.verifier = verifier;
		this.tokens = tokens;
		this.accounts = accounts;
	}

	@GetMapping("/audit/v1/events")
	ResponseEntity<Map<String, Object>> events(@AuthenticationPrincipal Jwt token,
			@RequestParam(required = false) String actor, @RequestParam(required = false) String type,
			@RequestParam(required = false) String task, @RequestParam(defaultValue = "0") String page,
			@RequestParam(defaultValue = "" + AuditQuery.DEFAULT_SIZE) String size,
			@RequestParam(defaultValue = "desc") String order) {
		Optional<AuditReader> reader = reader(token);
		if (reader.isEmpty()) {
			return forbidden("Only a human's own access token may read the audit trail");
		}
		AuditQuery query = new AuditQuery(reader.get().root(), actor, type, task, number(page, "page"),
				number(size, "size"), ascending(order));
		AuditTrail.Page found = this.trail.find(query);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("events", found.entries().stream().map(AuditEntry::toJson).toList());
		body.put("page", query.page());
		body.put("size", query.size());
		body.put("has_more", found.more());
		return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(body);
	}

	@GetMapping("/audit/v1/verify")
	ResponseEntity<Map<String, Object>> verify(@AuthenticationPrincipal Jwt token) {
		if (reader(token).filter(AuditReader::admin).isEmpty()) {
			return forbidden("Only an administrator may verify the audit trail");
		}
		return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(this.verifier.verify().toJson());
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException ex) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST)
			.body(Map.of("error", "invalid_request", "error_description", ex.getMessage()));
	}

	private Optional<AuditReader> reader(Jwt token) {
		return (token != null) ? AuditReader.ofAccessToken(token.getTokenValue(), this.tokens, this.accounts)
				: Optional.empty();
	}

	static int number(String value, String name) {
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a number");
		}
	}

	static boolean ascending(String order) {
		if ("asc".equals(order)) {
			return true;
		}
		if ("desc".equals(order)) {
			return false;
		}
		throw new IllegalArgumentException("order must be asc or desc");
	}

	private static ResponseEntity<Map<String, Object>> forbidden(String description) {
		// RFC 6750 §3.1: a valid token that does not allow this request
		return ResponseEntity.status(HttpStatus.FORBIDDEN)
			.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"")
			.body(Map.of("error", "insufficient_scope", "error_description", description));
	}

}
