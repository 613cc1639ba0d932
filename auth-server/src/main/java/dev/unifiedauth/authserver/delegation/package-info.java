/**
 * Agent delegation through the RFC 8693 token-exchange grant. A request names a subject token (a human's access
 * token, or an agent token derived from one) and an actor (an agent); the issued token can only narrow what the
 * subject holds (scope, resources, read-only, audience, lifetime, depth), names the human as {@code sub} and the
 * whole actor chain in nested {@code act} claims (§4.1), is bound to one task and to the actor's DPoP key
 * (RFC 9449 §6.1), and honours {@code may_act} (§4.4). Replaces Spring's token-exchange provider, which checks
 * scopes only against the client, ignores resource and audience, never caps the lifetime and exchanges a
 * DPoP-bound token without its key.
 */
package dev.unifiedauth.authserver.delegation;
