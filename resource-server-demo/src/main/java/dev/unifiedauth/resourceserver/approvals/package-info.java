/**
 * The client of the authorization server's approval API: for a SUPERVISED operation the resource server asks
 * whether the human at the root of the chain approved exactly this operation (task, actor, operation, target);
 * an approval is consumed by the check that reports it (single use). FREE and FORBIDDEN operations never get
 * here: they are decided from the token's claims alone.
 */
package dev.unifiedauth.resourceserver.approvals;
