/**
 * The audit trail of the authorization server: every decision of this server (and, through it, of resource
 * servers) is recorded through {@link dev.unifiedauth.core.audit.AuditSink}; an operation whose event cannot be
 * recorded fails.
 */
package dev.unifiedauth.authserver.audit;
