/**
 * The audit trail of both servers (docs/audit.md): every decision is recorded through
 * {@link dev.unifiedauth.core.audit.AuditSink} ({@link dev.unifiedauth.authserver.audit.JdbcAuditSink}) as an
 * append-only, hash-chained entry ({@code hash = SHA-256(prev_hash ‖ JCS(entry))}, RFC 8785), inside the
 * transaction of the operation it describes, so that an operation whose entry cannot be written fails; appends are
 * serialised across nodes by a locked head row; signed checkpoints (Ed25519, RFC 8032) are stored and exported to a
 * file outside the database (cf. RFC 6962 §3.5); the verifier names the first bad sequence number. Also: the query
 * API and page, the delivery endpoint for resource servers, the verify command, and the emitters of events that
 * Spring's own components decide (login, consent, token issuance, revocation).
 */
package dev.unifiedauth.authserver.audit;
