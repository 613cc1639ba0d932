package dev.unifiedauth.authserver.approvals;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.unifiedauth.authserver.clients.ClientSettingNames;
import dev.unifiedauth.authserver.delegation.DelegationRefusal;
import dev.unifiedauth.authserver.delegation.PresentedToken;
import dev.unifiedauth.authserver.delegation.PresentedTokens;
import dev.unifiedauth.core.audit.AuditEvent;
import dev.unifiedauth.core.audit.AuditSink;
import dev.unifiedauth.core.policy.Operation;
import dev.unifiedauth.core.policy.PermissionPolicy;
import dev.unifiedauth.core.policy.Tier;
import dev.unifiedauth.core.token.DelegationGrant;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The approval rules. A resource server's check of a SUPERVISED operation by an agent token consumes a live
 * approval of exactly that task, actor, operation and target (single use), or returns the pending or denied one,
 * or files a new one. Only the root human of the chain, or an administrator (recorded as {@code admin}), decides.
 * Every step is audited in the transaction that makes it: an approval is not requested, decided or used without
 * its entry. Thread-safe.
 */
public final class ApprovalService {

	private static final Pattern TARGET = Pattern.compile("[A-Za-z0-9._:@-]{1,200}");

	private final Approvals approvals;

	private final PresentedTokens tokens;

	private final PermissionPolicy policy;

	private final ApprovalProperties properties;

	private final String issuer;

	private final AuditSink audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	public ApprovalService(Approvals approvals, PresentedTokens tokens, PermissionPolicy policy,
			ApprovalProperties properties, String issuer, AuditSink audit, TransactionTemplate transactions,
			Clock clock) {
		this.approvals = approvals;
		this.tokens = tokens;
		this.policy = policy;
		this.properties = properties;
		this.issuer = issuer;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * The resource server {@code caller} met SUPERVISED {@code resource:action} on {@code target} with {@code token}.
	 * @throws IllegalArgumentException if the request is not an agent token of {@code caller}'s audience asking for
	 * a SUPERVISED operation
	 */
	public CheckResult check(RegisteredClient caller, String token, String resource, String action, String target) {
		Operation operation = Operation.parse(resource + ":" + action)
			.orElseThrow(() -> new IllegalArgumentException("resource and action must name an operation"));
		if (target == null || !TARGET.matcher(target).matches()) {
			throw new IllegalArgumentException("target must be 1-200 characters of letters, digits and . _ : @ -");
		}
		if (this.policy.tierOf(operation) != Tier.SUPERVISED) {
			throw new IllegalArgumentException(operation + " is not SUPERVISED");
		}
		PresentedToken agentToken;
		try {
			agentToken = this.tokens.verify(token, "token");
		}
		catch (DelegationRefusal refusal) {
			throw new IllegalArgumentException("token is not a current agent token of this server");
		}
		String resourceIdentifier = ClientSettingNames.resourceIdentifier(caller.getClientSettings());
		DelegationGrant grant = agentToken.grant();
		if (agentToken.kind() != PresentedToken.Kind.AGENT || resourceIdentifier == null
				|| !grant.audience().contains(resourceIdentifier)) {
			throw new IllegalArgumentException("token is not an agent token for this resource server");
		}
		Instant now = this.clock.instant();
		String actor = grant.chain().current();
		Optional<Approval> live = this.approvals.findLive(grant.subject(), grant.task().value(), actor,
				operation.resource(), operation.action(), target, now);
		if (live.isPresent() && live.get().status() == Approval.Status.APPROVED) {
			Approval approved = live.get();
			if (Boolean.TRUE.equals(this.transactions.execute((status) -> {
				if (!this.approvals.use(approved.id(), now)) {
					return false;
				}
				record("approval.used", "used", approved, caller.getClientId(), null);
				return true;
			}))) {
				return new CheckResult("approved", approved.id(), null);
			}
			live = Optional.empty(); // used by a concurrent request a moment ago: this one needs a new approval
		}
		if (live.isPresent()) {
			Approval existing = live.get();
			return new CheckResult(existing.status() == Approval.Status.DENIED ? "denied" : "pending", existing.id(),
					uri(existing.id()));
		}
		Approval requested = new Approval(newId(), grant.subject(), grant.task().value(), actor, grant.chain().actors(),
				operation.resource(), operation.action(), target, caller.getClientId(), agentToken.jti(),
				Approval.Status.PENDING, now, now.plus(this.properties.pendingTtl()), null, null, null, null);
		this.transactions.executeWithoutResult((status) -> {
			this.approvals.insert(requested);
			record("approval.requested", "pending", requested, caller.getClientId(), null);
		});
		return new CheckResult("pending", requested.id(), uri(requested.id()));
	}

	/** Pending approvals a human may decide: their own, or everyone's for an administrator. */
	public List<Approval> pendingFor(String human, Set<String> roles) {
		return this.approvals.pending(isAdmin(roles) ? null : human, this.clock.instant(), 100);
	}

	/** An approval a human may see: one of their chains, or any for an administrator. */
	public Optional<Approval> visibleTo(String id, String human, Set<String> roles) {
		return this.approvals.find(id).filter((approval) -> approval.subject().equals(human) || isAdmin(roles));
	}

	/**
	 * Records the human's decision.
	 * @return {@code false} if the approval is not theirs to decide or no longer pending
	 */
	public boolean decide(String id, String human, Set<String> roles, boolean approve) {
		Optional<Approval> approval = visibleTo(id, human, roles);
		if (approval.isEmpty()) {
			return false;
		}
		String decidedAs = approval.get().subject().equals(human) ? "root" : "admin";
		Instant now = this.clock.instant();
		Approval.Status outcome = approve ? Approval.Status.APPROVED : Approval.Status.DENIED;
		Instant expiresAt = approve ? now.plus(this.properties.useWithin()) : approval.get().expiresAt();
		return Boolean.TRUE.equals(this.transactions.execute((status) -> {
			if (!this.approvals.decide(id, outcome, human, decidedAs, now, expiresAt)) {
				return false;
			}
			record(approve ? "approval.granted" : "approval.denied", approve ? "granted" : "denied", approval.get(),
					null, human + " as " + decidedAs);
			return true;
		}));
	}

	private void record(String type, String decision, Approval approval, String clientId, String decidedBy) {
		this.audit.record(AuditEvent.of(type, this.clock.instant())
			.decision(decision, decision)
			.source("auth-server")
			.client(clientId)
			.chain(approval.chainWithRoot())
			.task(approval.taskId())
			.operation(approval.resource(), approval.action())
			.jti(approval.tokenJti())
			.detail("approval_id", approval.id())
			.detail("target", approval.target())
			.detail("decided_by", decidedBy)
			.build());
	}

	private String uri(String id) {
		return this.issuer + "/approvals/" + id;
	}

	private String newId() {
		byte[] bytes = new byte[16];
		this.random.nextBytes(bytes);
		return "apr_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static boolean isAdmin(Set<String> roles) {
		return roles.contains("admin");
	}

	/**
	 * The answer to a resource server's check.
	 *
	 * @param status {@code approved} (consumed now), {@code pending} or {@code denied}
	 * @param approvalId the approval
	 * @param approvalUri where the human decides (pending and denied only)
	 */
	public record CheckResult(String status, String approvalId, String approvalUri) {
	}

}
