package dev.unifiedauth.core.policy;

import java.util.Set;

import dev.unifiedauth.core.token.DelegationGrant;

/**
 * The one decision both servers make: may this token perform this operation? Decides on the token's claims alone
 * (no call to anyone), so resource servers decide locally on their hot path and the authorization server's
 * decision endpoint can never disagree with them.
 * <ul>
 * <li>A human acting directly (no {@code act}) is not tier-gated: the operation must be in the token's scope and
 * granted by one of the human's roles.</li>
 * <li>For an agent, the current actor ({@code act.sub}) acts on the top-level {@code sub}'s behalf; earlier actors
 * add nothing (RFC 8693 §4.1). FORBIDDEN operations are refused whatever the scopes; then the attenuations
 * recorded in the token give their own reasons (read-only, resource scoping), then the scope; then FREE runs and
 * SUPERVISED needs an approval of that exact operation.</li>
 * </ul>
 * Thread-safe.
 */
public final class PermissionDecider {

	private final PermissionPolicy policy;

	public PermissionDecider(PermissionPolicy policy) {
		this.policy = policy;
	}

	/**
	 * @param token the verified claims of the access token
	 * @param roles the human's roles ({@code roles} claim) when the token is a human's own
	 * @param operation what is asked
	 * @param approved whether a valid approval of exactly this operation is presented
	 */
	public Decision decide(DelegationGrant token, Set<String> roles, Operation operation, boolean approved) {
		Tier tier = this.policy.tierOf(operation);
		String scope = operation.toString();
		if (token.chain().isEmpty()) {
			boolean granted = token.scopes().contains(scope) && this.policy.grantsOf(roles).contains(scope);
			return granted ? allow(tier, Reason.ALLOWED) : deny(tier, Reason.SCOPE_MISSING);
		}
		if (tier == Tier.FORBIDDEN) {
			return deny(tier, Reason.FORBIDDEN);
		}
		if (token.readOnly() && operation.writes()) {
			return deny(tier, Reason.ATTENUATED_READ_ONLY);
		}
		if (token.scopedResources() != null && !token.scopedResources().contains(operation.resource())) {
			return deny(tier, Reason.NOT_IN_SCOPED_RESOURCES);
		}
		if (!token.scopes().contains(scope)) {
			return deny(tier, Reason.SCOPE_MISSING);
		}
		if (tier == Tier.FREE) {
			return allow(tier, Reason.ALLOWED);
		}
		return approved ? allow(tier, Reason.APPROVED)
				: new Decision(Decision.Effect.REQUIRE_APPROVAL, tier, Reason.APPROVAL_REQUIRED);
	}

	public PermissionPolicy policy() {
		return this.policy;
	}

	private static Decision allow(Tier tier, Reason reason) {
		return new Decision(Decision.Effect.ALLOW, tier, reason);
	}

	private static Decision deny(Tier tier, Reason reason) {
		return new Decision(Decision.Effect.DENY, tier, reason);
	}

}
