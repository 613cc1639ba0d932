package dev.unifiedauth.authserver.revocation;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.unifiedauth.authserver.clients.ClientSettingNames;
import dev.unifiedauth.core.revocation.RevocationLog;
import dev.unifiedauth.core.revocation.RevocationRule;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /revocations/v1/events?after=N}: the revocation feed for resource servers (HTTP Basic client
 * authentication; only clients registered as a resource server or as administrative introspectors). Answers
 * {@code {"events": [rule...], "next": seq, "more": bool}}; a resource server polls it a few times a second and
 * keeps the rules in memory, so that it refuses revoked tokens without a call per request. The first poll
 * ({@code after=0}) returns every rule still in force.
 */
@RestController
final class RevocationFeedController {

	/** The most rules one poll returns; a reader behind asks again at once from {@code next}. */
	static final int PAGE_SIZE = 500;

	private final RevocationLog log;

	private final Clock clock;

	RevocationFeedController(RevocationLog log, Clock clock) {
		this.log = log;
		this.clock = clock;
	}

	@GetMapping("/revocations/v1/events")
	ResponseEntity<Map<String, Object>> events(@RequestParam(defaultValue = "0") String after) {
		RegisteredClient caller = ((OAuth2ClientAuthenticationToken) SecurityContextHolder.getContext()
			.getAuthentication()).getRegisteredClient();
		if (ClientSettingNames.resourceIdentifier(caller.getClientSettings()) == null
				&& !ClientSettingNames.introspectsAnyToken(caller.getClientSettings())) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN)
				.body(Map.of("error", "insufficient_scope", "error_description",
						"Only resource servers read the revocation feed"));
		}
		if (!after.matches("[0-9]{1,18}")) {
			throw new IllegalArgumentException("after must be a sequence number");
		}
		RevocationLog.Page page = this.log.since(Long.parseLong(after), this.clock.instant(), PAGE_SIZE);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("events", page.rules().stream().map(RevocationRule::toMap).toList());
		body.put("next", page.next());
		body.put("more", page.more());
		return ResponseEntity.ok(body);
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException ex) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST)
			.body(Map.of("error", "invalid_request", "error_description", ex.getMessage()));
	}

}
