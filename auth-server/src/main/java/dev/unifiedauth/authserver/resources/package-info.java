/**
 * Protected resources and their scopes. A scope {@code resource:action} names one operation; the resource
 * servers configured here own resources and are the RFC 8707 resource identifiers that become the {@code aud}
 * of access tokens (RFC 9068 §3).
 */
package dev.unifiedauth.authserver.resources;
