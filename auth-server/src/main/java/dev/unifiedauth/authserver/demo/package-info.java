/**
 * Demo data and the demo browser client, active only with the {@code demo} profile: the human alice (admin) and
 * bob (viewer), their roles, and the clients {@code demo-web} (public, PKCE) and {@code demo-backend}
 * (confidential). Never enable this profile in production.
 */
package dev.unifiedauth.authserver.demo;
