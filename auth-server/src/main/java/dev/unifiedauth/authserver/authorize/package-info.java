/**
 * The authorization endpoint under the OAuth 2.1 profile: PKCE with S256 only and a well-formed challenge
 * (RFC 7636 §4.2, OAuth 2.1 §4.1.1), exact redirect-URI matching (Spring's validator, RFC 9700 §4.1.3),
 * scopes narrowed to what the human's roles grant, a CSRF-protected consent page, and authorization responses
 * that carry {@code iss} (RFC 9207 §2) or, when the redirect URI cannot be trusted, an error page instead of a
 * redirect (OAuth 2.1 §4.1.2.1).
 */
package dev.unifiedauth.authserver.authorize;
