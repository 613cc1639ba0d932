package dev.unifiedauth.authserver.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import dev.unifiedauth.authserver.clients.ClientSettingNames;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /audit/v1/events}: a resource server (HTTP Basic client authentication, a client with a resource
 * identifier) delivers its audit events, a JSON array ({@link IngestedEvents}), and they join the one trail.
 * Deliveries are idempotent: events whose {@code event_id} the trail already has are skipped, so a resource
 * server retries a delivery it is unsure of. Answers {@code {"received": n, "new": m}}; a delivery that cannot be
 * written is 503 (the resource server keeps it and retries), a malformed one 400 and nothing of it is kept.
 */
@RestController
final class AuditIngestionController {

	static final int MAX_BODY_BYTES = 1024 * 1024;

	private final JdbcAuditSink sink;

	private final int maxEvents;

	AuditIngestionController(JdbcAuditSink sink, AuditProperties properties) {
		this.sink = sink;
		this.maxEvents = properties.maxIngestBatch();
	}

	@PostMapping(AuditApiConfig.EVENTS)
	ResponseEntity<Map<String, Object>> deliver(HttpServletRequest request) throws IOException {
		RegisteredClient caller = ((OAuth2ClientAuthenticationToken) SecurityContextHolder.getContext()
			.getAuthentication()).getRegisteredClient();
		String source = ClientSettingNames.resourceIdentifier(caller.getClientSettings());
		if (source == null) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "unauthorized_client",
					"error_description", "Only a resource server (a client with a resource identifier) delivers audit events"));
		}
		if (!isJson(request.getContentType())) {
			throw new IllegalArgumentException("The body must be application/json");
		}
		byte[] body = read(request.getInputStream());
		if (body == null) {
			return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(Map.of("error", "invalid_request",
					"error_description", "The body exceeds " + MAX_BODY_BYTES + " bytes"));
		}
		List<AuditTrail.Pending> events = IngestedEvents.parse(utf8(body), source, this.maxEvents);
		int fresh = this.sink.ingest(events);
		return ResponseEntity.ok(Map.of("received", events.size(), "new", fresh));
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException ex) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST)
			.body(Map.of("error", "invalid_request", "error_description", ex.getMessage()));
	}

	/** The body, or {@code null} if it is longer than {@link #MAX_BODY_BYTES}. */
	private static byte[] read(InputStream input) throws IOException {
		byte[] body = input.readNBytes(MAX_BODY_BYTES + 1);
		return (body.length > MAX_BODY_BYTES) ? null : body;
	}

	private static String utf8(byte[] body) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new IllegalArgumentException("The body is not UTF-8");
		}
	}

	private static boolean isJson(String contentType) {
		try {
			return contentType != null && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
