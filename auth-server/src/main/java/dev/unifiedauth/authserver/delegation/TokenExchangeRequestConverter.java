package dev.unifiedauth.authserver.delegation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import dev.unifiedauth.authserver.errors.OAuthErrors;
import dev.unifiedauth.core.token.TaskId;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads a token-exchange request (RFC 8693 §2.1); syntax only, decisions are the provider's. Returns
 * {@code null} for other grants. Parameters:
 * <ul>
 * <li>{@code subject_token} + {@code subject_token_type} (REQUIRED; only access tokens of this server);</li>
 * <li>{@code actor_token} + {@code actor_token_type} (OPTIONAL, both or neither): the actor's identity token;</li>
 * <li>{@code requested_token_type} (OPTIONAL; only access tokens are issued, §2.1);</li>
 * <li>{@code scope}, {@code resource} (RFC 8707, repeatable), {@code audience} (logical resource names,
 * repeatable);</li>
 * <li>extensions (RFC 6749 §8.2): {@code task_id}, {@code read_only=true}, {@code may_act} (the only agent that may
 * act next), {@code task_expires_in} (seconds the task may run, when the exchange starts it).</li>
 * </ul>
 * Repeated single-valued parameters are refused before this runs ({@code TokenEndpointRequestFilter}).
 */
public final class TokenExchangeRequestConverter implements AuthenticationConverter {

	public static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

	/** RFC 6749 §3.3 scope-token characters. */
	private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

	private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

	private static final Pattern TASK_LIFETIME = Pattern.compile("[1-9][0-9]{0,8}");

	/** The longest task a single exchange may start; the agent token lifetime still caps each token. */
	private static final Duration MAX_TASK_LIFETIME = Duration.ofDays(7);

	@Override
	public Authentication convert(HttpServletRequest request) {
		if (!AuthorizationGrantType.TOKEN_EXCHANGE.getValue().equals(request.getParameter("grant_type"))) {
			return null;
		}
		String subjectToken = required(request, "subject_token");
		tokenType(required(request, "subject_token_type"), "subject_token_type");
		String actorToken = optional(request, "actor_token");
		String actorTokenType = optional(request, "actor_token_type");
		if ((actorToken == null) != (actorTokenType == null)) {
			// RFC 8693 §2.1: actor_token_type is required when actor_token is present, and only then
			throw invalidRequest("actor_token and actor_token_type go together");
		}
		if (actorTokenType != null) {
			tokenType(actorTokenType, "actor_token_type");
		}
		String requested = optional(request, "requested_token_type");
		if (requested != null && !ACCESS_TOKEN_TYPE.equals(requested)) {
			throw invalidRequest("Only access tokens can be requested (no refresh or ID tokens for agents)");
		}
		Authentication client = SecurityContextHolder.getContext().getAuthentication();
		Map<String, Object> additional = new HashMap<>();
		return new TokenExchangeRequest(client, subjectToken, actorToken, new DelegationRequest(scopes(request),
				values(request, "resource"), values(request, "audience"), readOnly(request), task(request),
				mayAct(request), taskLifetime(request)), additional);
	}

	private static Set<String> scopes(HttpServletRequest request) {
		String scope = request.getParameter("scope");
		if (scope == null) {
			return null;
		}
		Set<String> scopes = new LinkedHashSet<>();
		for (String token : scope.split(" ")) {
			if (token.isEmpty()) {
				continue;
			}
			if (!SCOPE_TOKEN.matcher(token).matches()) {
				throw OAuthErrors.exception(OAuth2ErrorCodes.INVALID_SCOPE, "scope contains invalid characters");
			}
			scopes.add(token);
		}
		return scopes;
	}

	private static List<String> values(HttpServletRequest request, String name) {
		String[] values = request.getParameterValues(name);
		List<String> result = new ArrayList<>();
		if (values != null) {
			Arrays.stream(values).filter((value) -> !value.isEmpty()).distinct().forEach(result::add);
		}
		return result;
	}

	private static boolean readOnly(HttpServletRequest request) {
		String value = optional(request, "read_only");
		if (value == null || "false".equals(value)) {
			return false;
		}
		if ("true".equals(value)) {
			return true;
		}
		throw invalidRequest("read_only must be true or false");
	}

	private static TaskId task(HttpServletRequest request) {
		String value = optional(request, "task_id");
		try {
			return (value != null) ? new TaskId(value) : null;
		}
		catch (IllegalArgumentException ex) {
			throw invalidRequest(ex.getMessage());
		}
	}

	private static Duration taskLifetime(HttpServletRequest request) {
		String value = optional(request, "task_expires_in");
		if (value == null) {
			return null;
		}
		if (!TASK_LIFETIME.matcher(value).matches() || Long.parseLong(value) > MAX_TASK_LIFETIME.toSeconds()) {
			throw invalidRequest("task_expires_in must be a number of seconds from 1 to "
					+ MAX_TASK_LIFETIME.toSeconds());
		}
		return Duration.ofSeconds(Long.parseLong(value));
	}

	private static String mayAct(HttpServletRequest request) {
		String value = optional(request, "may_act");
		if (value != null && !CLIENT_ID.matcher(value).matches()) {
			throw invalidRequest("may_act must be the client_id of an agent");
		}
		return value;
	}

	private static void tokenType(String value, String parameter) {
		if (!ACCESS_TOKEN_TYPE.equals(value)) {
			// RFC 8693 §2.2.2: only this server's access tokens are accepted
			throw invalidRequest(parameter + " must be " + ACCESS_TOKEN_TYPE);
		}
	}

	private static String required(HttpServletRequest request, String name) {
		String value = optional(request, name);
		if (value == null) {
			throw invalidRequest(name + " is required (RFC 8693 §2.1)");
		}
		return value;
	}

	private static String optional(HttpServletRequest request, String name) {
		String value = request.getParameter(name);
		return (value == null || value.isEmpty()) ? null : value;
	}

	private static RuntimeException invalidRequest(String description) {
		return OAuthErrors.exception(OAuth2ErrorCodes.INVALID_REQUEST, description);
	}

}
