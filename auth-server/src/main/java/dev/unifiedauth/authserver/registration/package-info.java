/**
 * Dynamic client registration (RFC 7591) at {@code POST /oauth2/register}, for AI agents and confidential service
 * clients. Registration is closed unless configured open: a request carries an initial access token (RFC 7591
 * §3, a configured secret) or the access token of an administrator (a human whose {@code roles} contain
 * {@code admin}). Metadata is checked before anything is stored (§2, §3.2.2): keys only inline as {@code jwks},
 * public and asymmetric; no {@code jwks_uri} (no request to an address a client chose); redirect URIs https or
 * loopback http only; scopes the configured resource servers serve. Registered agents get the same defaults as
 * seeded ones ({@code clients.AgentClients}). Management of registered clients (RFC 7592) is not offered.
 */
package dev.unifiedauth.authserver.registration;
