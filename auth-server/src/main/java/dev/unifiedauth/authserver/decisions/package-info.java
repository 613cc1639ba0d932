/**
 * The decision endpoint: "may this token do this operation?" answered without performing it, following the
 * OpenID AuthZEN Authorization API 1.0 (access evaluation: subject, action, resource, context → decision, §6;
 * several evaluations in one call, §7; PDP metadata, §9). It uses the same
 * {@link dev.unifiedauth.core.policy.PermissionDecider} as the resource servers, so the two cannot disagree.
 */
package dev.unifiedauth.authserver.decisions;
