package dev.unifiedauth.resourceserver.approvals;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import dev.unifiedauth.core.policy.Operation;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks the authorization server whether the root human approved one SUPERVISED operation:
 * {@code POST /approvals/v1/check} with this server's client credentials in HTTP Basic (RFC 6749 §2.3.1) and
 * {@code {"token", "resource", "action", "target"}}; the answer is {@code {"status": "approved"}} (the approval
 * of exactly this task, actor, operation and target was consumed by this call), {@code pending} with the
 * approval's id and page, or {@code denied} with its id. Only SUPERVISED operations get here: FREE and FORBIDDEN
 * ones are decided locally from the token. Any other answer, or none within the timeouts, is an
 * {@link ApprovalUnavailableException}. Thread-safe.
 */
public final class ApprovalClient {

	private static final Pattern APPROVAL_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	private final RestClient http;

	private final URI checkUri;

	private final String basicUser;

	private final String basicPassword;

	/**
	 * @param http a client with the connect and read timeouts set
	 * @param checkUri the check endpoint
	 * @param clientId this server's client id at the authorization server
	 * @param clientSecret its secret
	 */
	public ApprovalClient(RestClient http, URI checkUri, String clientId, String clientSecret) {
		this.http = http;
		this.checkUri = checkUri;
		// RFC 6749 §2.3.1: client id and secret are form-urlencoded before they go into HTTP Basic
		this.basicUser = URLEncoder.encode(clientId, StandardCharsets.UTF_8);
		this.basicPassword = URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
	}

	/**
	 * @param accessToken the agent's access token, as presented
	 * @param operation the SUPERVISED operation
	 * @param target the id of the object it acts on, or {@code null} for a collection-level operation
	 * @throws ApprovalUnavailableException if no contract answer arrives
	 */
	public ApprovalAnswer check(String accessToken, Operation operation, String target) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("token", accessToken);
		request.put("resource", operation.resource());
		request.put("action", operation.action());
		if (target != null) {
			request.put("target", target);
		}
		Map<String, Object> answer;
		try {
			answer = this.http.post()
				.uri(this.checkUri)
				.headers((headers) -> headers.setBasicAuth(this.basicUser, this.basicPassword))
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.body(request)
				.exchange((sent, response) -> {
					if (!HttpStatus.OK.equals(response.getStatusCode())) {
						// 401 invalid_client, 400 invalid_request or a failure: nothing this request can fix
						throw new ApprovalUnavailableException(
								"The approval API answered HTTP " + response.getStatusCode().value());
					}
					return response.bodyTo(JSON_OBJECT);
				});
		}
		catch (RestClientException ex) {
			throw new ApprovalUnavailableException("The approval API cannot be reached: " + ex.getMessage(), ex);
		}
		return parse(answer);
	}

	private static ApprovalAnswer parse(Map<String, Object> answer) {
		if (answer == null || !(answer.get("status") instanceof String status)) {
			throw new ApprovalUnavailableException("The approval API's answer has no status");
		}
		return switch (status) {
			case "approved" -> ApprovalAnswer.approved();
			case "pending" -> ApprovalAnswer.pending(approvalId(answer), approvalUri(answer));
			case "denied" -> ApprovalAnswer.denied(approvalId(answer));
			default -> throw new ApprovalUnavailableException("The approval API answered an unknown status");
		};
	}

	private static String approvalId(Map<String, Object> answer) {
		if (answer.get("approval_id") instanceof String id && APPROVAL_ID.matcher(id).matches()) {
			return id;
		}
		throw new ApprovalUnavailableException("The approval API's answer has no valid approval_id");
	}

	private static String approvalUri(Map<String, Object> answer) {
		if (answer.get("approval_uri") instanceof String uri) {
			try {
				URI parsed = new URI(uri);
				if (("https".equals(parsed.getScheme()) || "http".equals(parsed.getScheme()))
						&& parsed.getHost() != null) {
					return uri;
				}
			}
			catch (URISyntaxException ex) {
				// refused below
			}
		}
		throw new ApprovalUnavailableException("The approval API's answer has no valid approval_uri");
	}

}
