package dev.unifiedauth.authserver.delegation;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.unifiedauth.authserver.resources.ResourceServers;
import dev.unifiedauth.core.policy.Operation;
import dev.unifiedauth.core.policy.PermissionPolicy;
import dev.unifiedauth.core.token.ActorChain;
import dev.unifiedauth.core.token.DelegationGrant;
import dev.unifiedauth.core.token.TaskId;

import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/**
 * The rules of delegation, as a pure function from (what the subject token holds, what is asked, who will act)
 * to what the new token holds. Every hop only narrows (contract, "Delegation invariants"):
 * <ul>
 * <li>scope ⊆ subject scope ∩ actor client's registered scopes, minus FORBIDDEN operations, minus writes once
 * read-only, minus resources outside the scoped resources; asking for more is {@code invalid_scope}
 * (RFC 8693 §2.2.2), never a silent widening;</li>
 * <li>{@code aud} ⊆ what the subject token may reach; unknown or unreachable targets are {@code invalid_target}
 * (RFC 8707 §2, RFC 8693 §2.2.2);</li>
 * <li>{@code exp} ≤ min(now + agent TTL, subject {@code exp}): re-exchanging never extends life;</li>
 * <li>the chain grows by the new actor only, never beyond the maximum depth, never through a cycle
 * (RFC 8693 §4.1); the task never changes; read-only and resource scoping are sticky.</li>
 * </ul>
 * Thread-safe.
 */
public final class Attenuation {

	/** RFC 8707 §2 error code (Spring has no constant for it). */
	static final String INVALID_TARGET = "invalid_target";

	private final PermissionPolicy policy;

	private final ResourceServers resourceServers;

	private final Duration agentTokenTtl;

	private final int maxDepth;

	public Attenuation(PermissionPolicy policy, ResourceServers resourceServers, Duration agentTokenTtl,
			int maxDepth) {
		this.policy = policy;
		this.resourceServers = resourceServers;
		this.agentTokenTtl = agentTokenTtl;
		this.maxDepth = maxDepth;
	}

	/**
	 * @param parent what the subject token holds
	 * @param request what the exchange asks for
	 * @param actor the agent that will hold the new token
	 * @param actorScopes the scopes the actor's client is registered for
	 * @param now the current time
	 * @return what the new token holds
	 * @throws DelegationRefusal when the request asks for more than the rules allow
	 */
	public DelegationGrant attenuate(DelegationGrant parent, DelegationRequest request, String actor,
			Set<String> actorScopes, Instant now) {
		ActorChain chain = chain(parent, actor);
		TaskId task = task(parent, request);
		if (parent.mayAct() != null && !parent.mayAct().equals(actor)) {
			// RFC 8693 §4.4
			throw refusal(OAuth2ErrorCodes.INVALID_REQUEST, "may_act",
					"The subject token may only be exchanged for " + parent.mayAct());
		}
		boolean readOnly = parent.readOnly() || request.readOnly();
		Set<String> scopedResources = scopedResources(parent, request.audiences());
		List<String> targets = targets(parent, request.resources());

		Set<String> allowed = new TreeSet<>();
		for (String scope : parent.scopes()) {
			Optional<Operation> operation = Operation.parse(scope);
			if (operation.isPresent() && refusalReason(scope, operation.get(), actorScopes, readOnly,
					scopedResources, targets) == null) {
				allowed.add(scope);
			}
		}
		Set<String> scopes;
		if (request.scopes() == null) {
			scopes = allowed; // RFC 8693 §2.1: without scope, what the subject holds (narrowed by the rules)
		}
		else {
			for (String scope : request.scopes()) {
				if (!allowed.contains(scope)) {
					throw scopeRefusal(parent, scope, actorScopes, readOnly, scopedResources, targets);
				}
			}
			scopes = new TreeSet<>(request.scopes());
		}
		if (scopes.isEmpty()) {
			throw refusal(OAuth2ErrorCodes.INVALID_SCOPE, "nothing_to_delegate",
					"After attenuation the token would allow no operation");
		}
		List<String> audience = audience(parent, targets, scopes);
		Instant expiresAt = earliest(now.plus(this.agentTokenTtl), parent.expiresAt());
		if (!expiresAt.isAfter(now)) {
			throw refusal(OAuth2ErrorCodes.INVALID_REQUEST, "expired", "The subject token has expired");
		}
		return new DelegationGrant(parent.subject(), chain, scopes, audience, scopedResources, readOnly, task,
				expiresAt, request.mayActNext());
	}

	private ActorChain chain(DelegationGrant parent, String actor) {
		if (actor.equals(parent.chain().current())) {
			return parent.chain(); // the current actor narrows its own token: the chain is kept, never dropped
		}
		if (actor.equals(parent.subject()) || parent.chain().contains(actor)) {
			throw refusal(OAuth2ErrorCodes.INVALID_REQUEST, "cycle",
					actor + " is already in the delegation chain (RFC 8693 §4.1)");
		}
		ActorChain extended = parent.chain().with(actor);
		if (extended.depth() > this.maxDepth) {
			throw refusal(OAuth2ErrorCodes.INVALID_REQUEST, "depth_exceeded",
					"The delegation chain may hold at most " + this.maxDepth + " agents");
		}
		return extended;
	}

	private static TaskId task(DelegationGrant parent, DelegationRequest request) {
		if (parent.task() == null) {
			if (request.task() == null) {
				throw refusal(OAuth2ErrorCodes.INVALID_REQUEST, "task_missing",
						"task_id is required when delegating a human's own token");
			}
			return request.task();
		}
		if (request.task() != null && !request.task().equals(parent.task())) {
			throw refusal(OAuth2ErrorCodes.INVALID_REQUEST, "task_mismatch",
					"task_id is inherited from the subject token and can never change");
		}
		return parent.task();
	}

	private Set<String> scopedResources(DelegationGrant parent, List<String> audiences) {
		if (audiences.isEmpty()) {
			return parent.scopedResources();
		}
		Set<String> scoped = new TreeSet<>();
		for (String resource : audiences) {
			if (!this.policy.knowsResource(resource)) {
				throw refusal(INVALID_TARGET, "target_unknown",
						"Unknown audience: " + resource + " (RFC 8693 §2.2.2)");
			}
			boolean reachable = (parent.scopedResources() == null || parent.scopedResources().contains(resource))
					&& parent.scopes()
						.stream()
						.map(Operation::parse)
						.flatMap(Optional::stream)
						.anyMatch((operation) -> operation.resource().equals(resource));
			if (!reachable) {
				throw refusal(INVALID_TARGET, "target_unreachable",
						"The subject token cannot reach audience " + resource);
			}
			scoped.add(resource);
		}
		return scoped;
	}

	private List<String> targets(DelegationGrant parent, List<String> resources) {
		List<String> targets = new ArrayList<>();
		for (String resource : resources) {
			if (!isAbsoluteWithoutFragment(resource) || !this.resourceServers.isIdentifier(resource)) {
				// RFC 8707 §2: absolute URI, no fragment; unknown resources are invalid_target
				throw refusal(INVALID_TARGET, "target_unknown", "Unknown resource: " + resource);
			}
			if (!parent.audience().contains(resource)) {
				throw refusal(INVALID_TARGET, "target_unreachable",
						"The subject token cannot reach resource " + resource);
			}
			if (!targets.contains(resource)) {
				targets.add(resource);
			}
		}
		return targets;
	}

	private List<String> audience(DelegationGrant parent, List<String> targets, Set<String> scopes) {
		List<String> audience = new ArrayList<>();
		for (String identifier : this.resourceServers.audienceFor(scopes)) {
			if (parent.audience().contains(identifier) && (targets.isEmpty() || targets.contains(identifier))) {
				audience.add(identifier);
			}
		}
		if (audience.isEmpty()) {
			throw refusal(INVALID_TARGET, "target_unreachable",
					"No resource server of the delegated scopes is in the subject token's audience");
		}
		return audience;
	}

	/** Why {@code scope} cannot be delegated, or {@code null} if it can. */
	private String refusalReason(String scope, Operation operation, Set<String> actorScopes, boolean readOnly,
			Set<String> scopedResources, List<String> targets) {
		if (this.policy.isForbidden(scope)) {
			return "scope_forbidden";
		}
		if (!actorScopes.contains(scope)) {
			return "scope_not_allowed_for_actor";
		}
		if (readOnly && operation.writes()) {
			return "attenuated_read_only";
		}
		if (scopedResources != null && !scopedResources.contains(operation.resource())) {
			return "not_in_scoped_resources";
		}
		if (!targets.isEmpty() && !this.resourceServers.identifierOwning(operation.resource())
			.map(targets::contains)
			.orElse(false)) {
			return "not_in_scoped_resources";
		}
		return null;
	}

	private DelegationRefusal scopeRefusal(DelegationGrant parent, String scope, Set<String> actorScopes,
			boolean readOnly, Set<String> scopedResources, List<String> targets) {
		Optional<Operation> operation = Operation.parse(scope);
		String reason;
		if (!parent.scopes().contains(scope) || operation.isEmpty()) {
			reason = "scope_exceeds_subject";
		}
		else {
			reason = refusalReason(scope, operation.get(), actorScopes, readOnly, scopedResources, targets);
		}
		return refusal(OAuth2ErrorCodes.INVALID_SCOPE, reason,
				"Scope " + scope + " cannot be delegated (" + reason + ")");
	}

	private static Instant earliest(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	private static boolean isAbsoluteWithoutFragment(String value) {
		try {
			URI uri = new URI(value);
			return uri.isAbsolute() && uri.getRawFragment() == null && !value.contains("#");
		}
		catch (Exception ex) {
			return false;
		}
	}

	static DelegationRefusal refusal(String errorCode, String reason, String description) {
		return new DelegationRefusal(errorCode, reason, description);
	}

}
