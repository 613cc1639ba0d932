package dev.unifiedauth.resourceserver.access;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.unifiedauth.core.policy.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Runs before every {@code /api/} handler: reads the operation the handler performs ({@link RequiresOperation})
 * and its target (the path variable), and lets the handler run only if {@link AccessDecisions} allows it. A
 * handler without {@link RequiresOperation} is refused (fail closed), and so is a request that reached a handler
 * without a token. Targets must look like ids: anything else is a 404 before any decision. Thread-safe.
 */
final class TierEnforcement implements HandlerInterceptor {

	/** The ids the stores hand out; targets are also sent to the approval API and recorded in the audit. */
	static final Pattern TARGET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private final AccessDecisions decisions;

	private final AccessErrors errors;

	private final SecurityContextHolderStrategy securityContext;

	TierEnforcement(AccessDecisions decisions, AccessErrors errors, SecurityContextHolderStrategy securityContext) {
		this.decisions = decisions;
		this.errors = errors;
		this.securityContext = securityContext;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		if (!(handler instanceof HandlerMethod method)) {
			return true; // no handler: the request ends in 404 or 405 without running anything
		}
		RequiresOperation required = method.getMethodAnnotation(RequiresOperation.class);
		if (required == null) {
			return refuse(response,
					this.errors.plain(HttpStatus.FORBIDDEN, "access_denied", "This endpoint declares no operation"));
		}
		Authentication authentication = this.securityContext.getContext().getAuthentication();
		if (!(authentication instanceof AccessTokenAuthentication presented)) {
			return refuse(response, this.errors.noCredentials());
		}
		Operation operation = Operation.parse(required.value())
			.orElseThrow(() -> new IllegalStateException("Not an operation: " + required.value()));
		String target = target(request, required);
		if (target != null && !TARGET.matcher(target).matches()) {
			return refuse(response, this.errors.plain(HttpStatus.NOT_FOUND, "not_found", "No such " + operation.resource()));
		}
		try {
			Optional<AccessError> refusal = this.decisions.decide(presented.token(), operation, target);
			return refusal.isEmpty() || refuse(response, refusal.get());
		}
		catch (AccessRefusal ex) {
			return refuse(response, ex.error());
		}
	}

	@SuppressWarnings("unchecked")
	private static String target(HttpServletRequest request, RequiresOperation required) {
		Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		if (required.target().isEmpty() || !(variables instanceof Map<?, ?>)) {
			return null;
		}
		return ((Map<String, String>) variables).get(required.target());
	}

	private boolean refuse(HttpServletResponse response, AccessError error) throws IOException {
		this.errors.write(response, error);
		return false;
	}

}
