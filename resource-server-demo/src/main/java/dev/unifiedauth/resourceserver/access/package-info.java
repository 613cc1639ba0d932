/**
 * Who may call the API, and what they may do there.
 * <ul>
 * <li>Authentication: the one {@code Authorization} header carries a {@code Bearer} (RFC 6750 §2.1) or
 * {@code DPoP} (RFC 9449 §7.1) access token, an RFC 9068 JWT validated locally against the authorization
 * server's JWKS; a token bound to a key ({@code cnf.jkt}) needs the {@code DPoP} scheme and a proof that passes
 * RFC 9449 §4.3 for this request, with single use through the replay store (§11.1). Spring Security's own
 * resource-server support is not used.</li>
 * <li>Decisions: every handler names its operation ({@link dev.unifiedauth.resourceserver.access.RequiresOperation});
 * the shared {@code PermissionDecider} decides it from the token's claims alone (contract, Tiers), and SUPERVISED
 * operations ask the approval API. Every decision is audited once.</li>
 * <li>Errors: every refusal (RFC 6750 §3.1 challenges, RFC 9449 §7.1 {@code invalid_dpop_proof}, the contract's
 * tier errors) is made and written in one place.</li>
 * <li>RFC 9728 protected-resource metadata, built from the configuration and the policy.</li>
 * </ul>
 */
package dev.unifiedauth.resourceserver.access;
