/**
 * Single-use identifiers: the {@code jti} of DPoP proofs (RFC 9449 §11.1) and of client assertions
 * (RFC 7523 §3, OpenID Connect Core §9) are remembered until they can no longer be accepted, so that a replay
 * is refused. The store sits behind {@link dev.unifiedauth.core.replay.ReplayStore}: an embedded one for a
 * single node, a Redis one for several nodes behind a load balancer.
 */
package dev.unifiedauth.core.replay;
