package dev.unifiedauth.authserver.delegation;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import dev.unifiedauth.authserver.clients.ClientSettingNames;
import dev.unifiedauth.authserver.dpop.DPoPTokenBinding;
import dev.unifiedauth.core.audit.AuditSink;
import dev.unifiedauth.core.dpop.DPoPProof;
import dev.unifiedauth.core.token.DelegationGrant;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides a token exchange (RFC 8693 §2) and issues the agent's token. Who may exchange what:
 * <ul>
 * <li>the subject token must be this server's, current, and rooted in a human; a client's own token is never a
 * subject;</li>
 * <li>the requesting client must be entitled to it: it holds it (its {@code client_id}; for a DPoP-bound subject,
 * proven with a DPoP proof signed by the subject's own key), or — for a bearer subject — the subject names the
 * client in {@code may_act} or {@code aud} (RFC 8693 §5: no laundering of stolen tokens);</li>
 * <li>the actor is the agent that will hold the new token: the one whose identity token is the
 * {@code actor_token}, or the requesting client itself. Only the holder of the subject may name another agent as
 * actor; a subject with {@code may_act} needs an explicit actor_token naming that agent (§4.4);</li>
 * <li>the new token is bound to the actor's key: the {@code cnf.jkt} of its actor token, else the key of the DPoP
 * proof (RFC 9449 §5);</li>
 * <li>what it allows comes from {@link Attenuation};</li>
 * <li>the task: the exchange from a human's own token starts it (or joins it); a revoked task or one past its
 * deadline mints nothing more ({@code invalid_grant}, RFC 6749 §5.2), and no token outlives the deadline.</li>
 * </ul>
 * Every outcome is recorded once in the audit trail ({@code token.exchange}); a grant's entry is written in the
 * transaction that registers the new token, so if it cannot be recorded nothing is registered or issued (503).
 * Cost: the DPoP proof (verified earlier), the subject and actor token signatures (with their status reads), one
 * read of the task, one signature for the new token and the writes of one transaction (the token's row, the
 * task's row when the exchange starts it, the audit entry). Replaces Spring's
 * token-exchange provider. Thread-safe.
 */
public final class TokenExchangeProvider implements AuthenticationProvider {

	private final PresentedTokens presentedTokens;

	private final Attenuation attenuation;

	private final DelegatedTokenSigner signer;

	private final DelegatedTokens delegatedTokens;

	private final Tasks tasks;

	private final RegisteredClientRepository clients;

	private final AuditSink audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	public TokenExchangeProvider(PresentedTokens presentedTokens, Attenuation attenuation, DelegatedTokenSigner signer,
			DelegatedTokens delegatedTokens, Tasks tasks, RegisteredClientRepository clients, AuditSink audit,
			TransactionTemplate transactions, Clock clock) {
		this.presentedTokens = presentedTokens;
		this.attenuation = attenuation;
		this.signer = signer;
		this.delegatedTokens = delegatedTokens;
		this.tasks = tasks;
		this.clients = clients;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		TokenExchangeRequest request = (TokenExchangeRequest) authentication;
		if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken clientPrincipal)
				|| !clientPrincipal.isAuthenticated() || clientPrincipal.getRegisteredClient() == null) {
			throw new DelegationRefusal(OAuth2ErrorCodes.INVALID_CLIENT, "client_unauthenticated",
					"Client authentication is required (RFC 8693 §5)");
		}
		RegisteredClient caller = clientPrincipal.getRegisteredClient();
		ExchangeAttempt attempt = new ExchangeAttempt(caller.getClientId(),
				(request.delegation().task() != null) ? request.delegation().task().value() : null);
		try {
			// the register row and the audit entry commit together, or neither does and nothing is issued
			OAuth2AccessToken issued = this.transactions.execute((status) -> {
				OAuth2AccessToken token = exchange(request, caller, attempt);
				report(attempt, true, "granted");
				return token;
			});
			return new OAuth2AccessTokenAuthenticationToken(caller, clientPrincipal, issued, null,
					Map.of("issued_token_type", TokenExchangeRequestConverter.ACCESS_TOKEN_TYPE));
		}
		catch (DelegationRefusal refusal) {
			report(attempt, false, refusal.reason());
			throw refusal;
		}
	}

	private OAuth2AccessToken exchange(TokenExchangeRequest request, RegisteredClient caller, ExchangeAttempt attempt) {
		if (!caller.getAuthorizationGrantTypes().contains(AuthorizationGrantType.TOKEN_EXCHANGE)) {
			// RFC 6749 §5.2
			throw refuse(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT, "grant_not_allowed",
					"This client may not use the token-exchange grant");
		}
		DPoPProof proof = DPoPTokenBinding.currentProof();
		PresentedToken subject = this.presentedTokens.verify(request.subjectToken(), "subject_token");
		attempt.subject = subject;
		if (subject.kind() == PresentedToken.Kind.CLIENT) {
			throw refuse(OAuth2ErrorCodes.INVALID_REQUEST, "subject_not_human",
					"The subject token must act for a human; a client's own token is never a subject");
		}
		if (subject.jkt() != null && (proof == null || !proof.jkt().equals(subject.jkt()))) {
			// contract: a DPoP-bound subject token is presented with a proof signed by its own key (RFC 9449 §5)
			throw refuse(OAuth2ErrorCodes.INVALID_REQUEST, "subject_key_not_proven",
					"The subject token is DPoP-bound: send a DPoP proof signed by its key");
		}
		PresentedToken actorToken = actorToken(request, subject);
		String actor = (actorToken != null) ? actorToken.clientId() : caller.getClientId();
		attempt.actor = actor;
		RegisteredClient actorClient = agent(actor, "The actor must be a registered agent client");
		checkEntitlement(caller, subject, actor);
		if (subject.grant().mayAct() != null && actorToken == null) {
			// RFC 8693 §4.4: the subject names who may act; the actor must show who it is
			throw refuse(OAuth2ErrorCodes.INVALID_REQUEST, "may_act",
					"The subject token restricts who may act: present that agent's actor_token");
		}
		String jkt = bindingKey(actorToken, proof, caller);
		if (request.delegation().mayActNext() != null) {
			agent(request.delegation().mayActNext(), "may_act must name a registered agent client");
		}
		Instant now = this.clock.instant();
		DelegationGrant attenuated = this.attenuation.attenuate(subject.grant(), request.delegation(), actor,
				actorClient.getScopes(), now);
		Task task = task(subject, attenuated, request.delegation(), caller, now);
		DelegationGrant granted = attenuated.expiringBy(task.deadline());
		attempt.granted = granted;
		String jti = UUID.randomUUID().toString();
		String token = this.signer.sign(granted, jti, actor, jkt, now);
		this.delegatedTokens.record(jti, granted, actor, subject.jti(), subject.rootGrant(), jkt, now);
		attempt.issuedJti = jti;
		return new OAuth2AccessToken(OAuth2AccessToken.TokenType.DPOP, token, now, granted.expiresAt(),
				new LinkedHashSet<>(new TreeSet<>(granted.scopes()))); // the response names them in order
	}

	private Task task(PresentedToken subject, DelegationGrant granted, DelegationRequest request,
			RegisteredClient caller, Instant now) {
		boolean starting = subject.kind() == PresentedToken.Kind.HUMAN;
		if (request.taskLifetime() != null && !starting) {
			throw refuse(OAuth2ErrorCodes.INVALID_REQUEST, "task_lifetime_inherited",
					"task_expires_in can only be set by the exchange that starts the task");
		}
		Instant deadline = (request.taskLifetime() != null) ? now.plus(request.taskLifetime()) : null;
		Tasks.Joined joined = this.tasks.findOrStart(granted.subject(), granted.task().value(), caller.getClientId(),
				deadline, now);
		Task task = joined.task();
		if (task.revoked()) {
			// RFC 6749 §5.2: the grant (the task) was revoked
			throw refuse(OAuth2ErrorCodes.INVALID_GRANT, "task_revoked", "The task was revoked");
		}
		if (task.pastDeadline(now)) {
			throw refuse(OAuth2ErrorCodes.INVALID_GRANT, "task_expired", "The task is past its deadline");
		}
		if (deadline != null && !joined.started()) {
			throw refuse(OAuth2ErrorCodes.INVALID_REQUEST, "task_already_started",
					"task_expires_in can only be set when the task starts; the task API moves a deadline");
		}
		return task;
	}

	private PresentedToken actorToken(TokenExchangeRequest request, PresentedToken subject) {
		if (request.actorToken() == null) {
			return null;
		}
		if (request.actorToken().equals(request.subjectToken())) {
			throw refuse(OAuth2ErrorCodes.INVALID_REQUEST, "same_token",
					"subject_token and actor_token must be different tokens (RFC 8693 §2.1)");
		}
		PresentedToken actorToken = this.presentedTokens.verify(request.actorToken(), "actor_token");
		if (actorToken.kind() != PresentedToken.Kind.CLIENT || actorToken.jti().equals(subject.jti())) {
			throw refuse(OAuth2ErrorCodes.INVALID_REQUEST, "actor_token_not_identity",
					"The actor_token must be the agent's own token from the client_credentials grant");
		}
		if (actorToken.jkt() == null) {
			throw refuse(OAuth2ErrorCodes.INVALID_REQUEST, "actor_token_unbound",
					"The actor_token must be DPoP-bound, so that the new token can be bound to the agent's key");
		}
		return actorToken;
	}

	private void checkEntitlement(RegisteredClient caller, PresentedToken subject, String actor) {
		if (caller.getClientId().equals(subject.clientId())) {
			return; // the holder of the subject (its possession of a bound subject was checked above)
		}
		DelegationGrant grant = subject.grant();
		String resourceIdentifier = ClientSettingNames.resourceIdentifier(caller.getClientSettings());
		boolean named = subject.jkt() == null && (caller.getClientId().equals(grant.mayAct())
				|| grant.audience().contains(caller.getClientId())
				|| (resourceIdentifier != null && grant.audience().contains(resourceIdentifier)));
		if (!named) {
			// RFC 8693 §5: a client must not exchange a token it was not meant to hold
			throw refuse(OAuth2ErrorCodes.INVALID_REQUEST, "not_entitled",
					"The client is not entitled to the subject token");
		}
		if (!actor.equals(caller.getClientId())) {
			throw refuse(OAuth2ErrorCodes.INVALID_REQUEST, "actor_not_caller",
					"Only the holder of the subject token may name another agent as actor");
		}
	}

	private String bindingKey(PresentedToken actorToken, DPoPProof proof, RegisteredClient caller) {
		if (actorToken != null) {
			if (actorToken.clientId().equals(caller.getClientId()) && proof != null
					&& !proof.jkt().equals(actorToken.jkt())) {
				throw refuse(OAuth2ErrorCodes.INVALID_REQUEST, "actor_key_mismatch",
						"The DPoP proof and the actor_token are bound to different keys");
			}
			return actorToken.jkt();
		}
		if (proof == null) {
			throw refuse("invalid_dpop_proof", "dpop_missing",
					"A DPoP proof is required: agent tokens are bound to the actor's key (RFC 9449 §5)");
		}
		return proof.jkt();
	}

	private RegisteredClient agent(String clientId, String description) {
		RegisteredClient client = this.clients.findByClientId(clientId);
		if (client == null || !ClientSettingNames.isAgent(client.getClientSettings())) {
			throw refuse(OAuth2ErrorCodes.INVALID_REQUEST, "actor_not_agent", description);
		}
		return client;
	}

	private void report(ExchangeAttempt attempt, boolean granted, String reason) {
		this.audit.record(attempt.outcome(granted, reason, this.clock.instant()));
	}

	private static DelegationRefusal refuse(String errorCode, String reason, String description) {
		return new DelegationRefusal(errorCode, reason, description);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return TokenExchangeRequest.class.isAssignableFrom(authentication);
	}

}
