package dev.unifiedauth.core.policy;

import java.util.Locale;

/**
 * Why a decision came out as it did (contract, section Tiers). The wire form is the lower-case name.
 */
public enum Reason {

	/** The operation may run. */
	ALLOWED,

	/** SUPERVISED, and no approval of this exact operation was presented. */
	APPROVAL_REQUIRED,

	/** SUPERVISED, and the root human approved this exact operation (single use). */
	APPROVED,

	/** FORBIDDEN for agents, whatever the scopes. */
	FORBIDDEN,

	/** The token does not carry the operation's scope (or, for a human, the role does not grant it). */
	SCOPE_MISSING,

	/** The delegation was limited to other resources. */
	NOT_IN_SCOPED_RESOURCES,

	/** The delegation was made read-only and the operation writes. */
	ATTENUATED_READ_ONLY,

	/** The token or its task was revoked. */
	REVOKED,

	/** The token or its task has expired. */
	EXPIRED,

	/** The token is not a valid access token for this resource. */
	INVALID_TOKEN;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

}
