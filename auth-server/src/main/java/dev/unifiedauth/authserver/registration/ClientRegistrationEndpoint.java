package dev.unifiedauth.authserver.registration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.unifiedauth.authserver.errors.OAuthErrors;
import dev.unifiedauth.authserver.resources.ResourceScope;
import dev.unifiedauth.authserver.resources.ResourceServers;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The client registration endpoint (RFC 7591 §3): {@code POST /oauth2/register} with a JSON body of at most
 * {@link #MAX_BODY_BYTES} bytes. Answers {@code 201} with the client's credentials and registered metadata
 * (§3.2.1), or an error (§3.2.2) through {@link OAuthErrors}; a malformed body is {@code invalid_client_metadata},
 * never a 5xx. Who may register is {@link RegistrationAccess}'s decision, what is registered
 * {@link ClientMetadata}'s.
 */
@RestController
final class ClientRegistrationEndpoint {

	/** The path of the endpoint under the issuer; also the {@code registration_endpoint} in the metadata. */
	static final String PATH = "/oauth2/register";

	static final int MAX_BODY_BYTES = 32 * 1024;

	private static final Log logger = LogFactory.getLog(ClientRegistrationEndpoint.class);

	private final RegistrationAccess access;

	private final ClientRegistrations registrations;

	private final ResourceServers resourceServers;

	ClientRegistrationEndpoint(RegistrationAccess access, ClientRegistrations registrations,
			ResourceServers resourceServers) {
		this.access = access;
		this.registrations = registrations;
		this.resourceServers = resourceServers;
	}

	@PostMapping(PATH)
	void register(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String registrant = this.access.authorize(request.getHeader(HttpHeaders.AUTHORIZATION));
		if (request.getContentLengthLong() > MAX_BODY_BYTES) {
			writeTooLarge(response);
			return;
		}
		byte[] body = read(request.getInputStream());
		if (body == null) {
			writeTooLarge(response);
			return;
		}
		ClientMetadata metadata = ClientMetadata.parse(json(request.getContentType(), body), this::isKnownScope);
		ClientRegistrations.Registered registered = this.registrations.register(metadata, registrant);
		logger.info("Registered " + (metadata.agent() ? "agent " : "client ") + registered.clientId() + " for "
				+ registrant);
		Map<String, Object> answer = new java.util.LinkedHashMap<>();
		answer.put("client_id", registered.clientId());
		answer.put("client_id_issued_at", registered.issuedAt().getEpochSecond());
		if (registered.clientSecret() != null) {
			answer.put("client_secret", registered.clientSecret());
			answer.put("client_secret_expires_at", 0); // RFC 7591 §3.2.1: does not expire
		}
		answer.putAll(metadata.toJSONObject());
		response.setStatus(HttpStatus.CREATED.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store"); // the response holds a secret
		response.setHeader(HttpHeaders.PRAGMA, "no-cache");
		response.getOutputStream().write(JSONObjectUtils.toJSONString(answer).getBytes(StandardCharsets.UTF_8));
	}

	@ExceptionHandler(RegistrationException.class)
	void refuse(RegistrationException ex, HttpServletResponse response) throws IOException {
		if (ex.isUnauthorized()) {
			OAuthErrors.writeBearerChallenge(response, ex.error(), ex.tokenPresented());
		}
		else {
			OAuthErrors.write(response, ex.error()); // RFC 7591 §3.2.2: 400
		}
	}

	private boolean isKnownScope(String scope) {
		return ResourceScope.parse(scope)
			.flatMap((parsed) -> this.resourceServers.identifierOwning(parsed.resource()))
			.isPresent();
	}

	/** The body, or {@code null} if it is longer than {@link #MAX_BODY_BYTES}. */
	private static byte[] read(InputStream input) throws IOException {
		byte[] body = input.readNBytes(MAX_BODY_BYTES + 1);
		return (body.length > MAX_BODY_BYTES) ? null : body;
	}

	private static Map<String, Object> json(String contentType, byte[] body) {
		if (!isJson(contentType)) {
			// RFC 7591 §3.1: the request is a JSON document
			throw RegistrationException.invalidMetadata("The request body must be application/json");
		}
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body))
				.toString();
			return JSONObjectUtils.parse(text);
		}
		catch (CharacterCodingException | ParseException | RuntimeException ex) {
			throw RegistrationException.invalidMetadata("The request body is not a JSON object");
		}
	}

	private static boolean isJson(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			return MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static void writeTooLarge(HttpServletResponse response) throws IOException {
		OAuthErrors.write(response, HttpStatus.PAYLOAD_TOO_LARGE, OAuthErrors.error(
				RegistrationException.INVALID_CLIENT_METADATA, "The request body exceeds " + MAX_BODY_BYTES + " bytes"),
				null);
	}

}
