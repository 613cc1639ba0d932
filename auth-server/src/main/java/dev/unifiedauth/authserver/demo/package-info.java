/**
 * Demo data and the demo browser client, active only with the {@code demo} profile: the human alice (admin) and
 * bob (viewer), their roles, the clients {@code demo-web} (public, PKCE) and {@code demo-backend} (confidential,
 * may delegate to agents), and the agents {@code scheduling-agent-001} and {@code analysis-agent-002}. The demo
 * initial access token for client registration is in {@code application-demo.yml}. Never enable this profile in
 * production.
 */
package dev.unifiedauth.authserver.demo;
