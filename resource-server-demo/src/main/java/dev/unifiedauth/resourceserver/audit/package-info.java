/**
 * Where the resource server's audit events go ({@link dev.unifiedauth.core.audit.AuditSink}): every permission
 * decision, and every refused token, is one {@code permission.decision} event, written by
 * {@code access.AccessAudit} (the one call site). For now the sink is the log.
 */
package dev.unifiedauth.resourceserver.audit;
