/**
 * Loads the shared permission policy ({@code dev.unifiedauth.core.policy}) from the file both servers read:
 * which operations exist, their tiers, and what roles grant.
 */
package dev.unifiedauth.authserver.permissions;
