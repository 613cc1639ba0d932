package dev.unifiedauth.authserver.decisions;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.unifiedauth.authserver.clients.ClientSettingNames;
import dev.unifiedauth.authserver.delegation.DelegationRefusal;
import dev.unifiedauth.authserver.delegation.PresentedToken;
import dev.unifiedauth.authserver.delegation.PresentedTokens;
import dev.unifiedauth.authserver.resources.ResourceServers;
import dev.unifiedauth.core.audit.AuditEvent;
import dev.unifiedauth.core.audit.AuditSink;
import dev.unifiedauth.core.policy.Decision;
import dev.unifiedauth.core.policy.Operation;
import dev.unifiedauth.core.policy.PermissionDecider;
import dev.unifiedauth.core.policy.Reason;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Evaluates "may this token do this operation?" with the shared {@link PermissionDecider}. The token must be a
 * current access token of this server for the resource server that owns the operation, and the asking client
 * must be allowed to know about it (the token's own client, its audience, or an administrative client), as for
 * introspection; otherwise the answer is a denial with reason {@code invalid_token}. Every evaluation is audited.
 * Thread-safe.
 */
public final class AccessEvaluations {

	private final PresentedTokens tokens;

	private final PermissionDecider decider;

	private final ResourceServers resourceServers;

	private final AuditSink audit;

	private final Clock clock;

	public AccessEvaluations(PresentedTokens tokens, PermissionDecider decider, ResourceServers resourceServers,
			AuditSink audit, Clock clock) {
		this.tokens = tokens;
		this.decider = decider;
		this.resourceServers = resourceServers;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * @throws IllegalArgumentException if the request does not name a token and an operation
	 */
	Map<String, Object> evaluate(RegisteredClient caller, EvaluationRequest request) {
		String token = token(request);
		Operation operation = operation(request);
		PresentedToken presented;
		try {
			presented = this.tokens.verify(token, "token");
		}
		catch (DelegationRefusal refusal) {
			Reason reason = switch (refusal.reason()) {
				case "token_revoked" -> Reason.REVOKED;
				case "token_expired" -> Reason.EXPIRED;
				default -> Reason.INVALID_TOKEN;
			};
			return answer(caller, null, operation, new Decision(Decision.Effect.DENY, null, reason));
		}
		if (presented.kind() == PresentedToken.Kind.CLIENT || !mayAsk(caller, presented)
				|| !forOwningServer(presented, operation)) {
			return answer(caller, presented, operation, new Decision(Decision.Effect.DENY, null, Reason.INVALID_TOKEN));
		}
		Decision decision = this.decider.decide(presented.grant(), roles(presented.claims().get("roles")), operation,
				false);
		return answer(caller, presented, operation, decision);
	}

	private Map<String, Object> answer(RegisteredClient caller, PresentedToken token, Operation operation,
			Decision decision) {
		this.audit.record(AuditEvent.of("permission.decision", this.clock.instant())
			.decision(effect(decision), decision.reason().code())
			.source("auth-server")
			.client(caller.getClientId())
			.chain((token != null) ? token.grant().chain().withRoot(token.grant().subject()) : List.of())
			.task((token != null && token.grant().task() != null) ? token.grant().task().value() : null)
			.operation(operation.resource(), operation.action())
			.jti((token != null) ? token.jti() : null)
			.detail("tier", (decision.tier() != null) ? decision.tier().name() : null)
			.detail("endpoint", "access_evaluation")
			.build());
		Map<String, Object> context = new LinkedHashMap<>();
		if (decision.tier() != null) {
			context.put("tier", decision.tier().name().toLowerCase(Locale.ROOT));
		}
		context.put("reason", decision.reason().code());
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("decision", decision.allowed()); // AuthZEN §6.2: a SUPERVISED operation is not yet allowed
		response.put("context", context);
		return response;
	}

	static String effect(Decision decision) {
		return switch (decision.effect()) {
			case ALLOW -> "allowed";
			case REQUIRE_APPROVAL -> "approval_required";
			case DENY -> "denied";
		};
	}

	private boolean mayAsk(RegisteredClient caller, PresentedToken token) {
		if (ClientSettingNames.introspectsAnyToken(caller.getClientSettings())
				|| caller.getClientId().equals(token.clientId())) {
			return true;
		}
		String resource = ClientSettingNames.resourceIdentifier(caller.getClientSettings());
		return resource != null && token.grant().audience().contains(resource);
	}

	private boolean forOwningServer(PresentedToken token, Operation operation) {
		Optional<String> owner = this.resourceServers.identifierOwning(operation.resource());
		return owner.isPresent() && token.grant().audience().contains(owner.get());
	}

	private static String token(EvaluationRequest request) {
		if (request.subject() == null || request.subject().properties() == null
				|| !(request.subject().properties().get("token") instanceof String token) || token.isBlank()) {
			throw new IllegalArgumentException("subject.properties.token must hold the access token to evaluate");
		}
		return token;
	}

	private static Operation operation(EvaluationRequest request) {
		if (request.resource() == null || request.action() == null || request.resource().type() == null
				|| request.action().name() == null) {
			throw new IllegalArgumentException("resource.type and action.name are required");
		}
		return Operation.parse(request.resource().type() + ":" + request.action().name())
			.orElseThrow(() -> new IllegalArgumentException("resource.type:action.name is not an operation"));
	}

	private static Set<String> roles(Object claim) {
		Set<String> roles = new TreeSet<>();
		if (claim instanceof Collection<?> values) {
			values.forEach((value) -> roles.add(String.valueOf(value)));
		}
		return roles;
	}

}
