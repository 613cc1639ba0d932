/**
 * The token endpoint and the tokens it issues. Access tokens are RFC 9068 JWTs ({@code typ: at+jwt}, ES256,
 * {@code kid}, {@code scope} as one space-separated string, {@code aud} = the resource servers of the granted
 * scopes). Authorization codes are redeemed at most once even under concurrent redemption (OAuth 2.1 §4.1.3),
 * refresh tokens rotate on every use and a reused one revokes its whole grant (OAuth 2.1 §4.3.1,
 * RFC 9700 §4.14.2), and only the token's own client or its audience may introspect it (RFC 7662 §4). An agent's
 * {@code client_credentials} token is its identity only: {@code aud} = this server, no scope, 5 minutes.
 */
package dev.unifiedauth.authserver.token;
