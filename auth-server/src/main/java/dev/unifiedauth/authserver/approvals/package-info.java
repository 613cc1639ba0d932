/**
 * Human approval of SUPERVISED operations. A resource server that meets a SUPERVISED operation asks here; the
 * first time, a pending approval for exactly that task, acting agent, operation and target is created and the
 * agent is told where the human approves it; the root human of the chain (or an administrator, recorded as such)
 * approves or denies it on a page; the agent's retry of exactly that operation then consumes the approval, once.
 * Approvals expire: pending ones after {@link dev.unifiedauth.authserver.approvals.ApprovalProperties#pendingTtl},
 * approved ones after {@link dev.unifiedauth.authserver.approvals.ApprovalProperties#useWithin}.
 */
package dev.unifiedauth.authserver.approvals;
