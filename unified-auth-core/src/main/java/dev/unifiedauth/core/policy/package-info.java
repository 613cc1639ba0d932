/**
 * The permission model both servers share: every operation ({@code resource:action}) has a {@link Tier}, and
 * roles grant operations to humans. Loaded from one YAML file; a file that does not parse or names an unknown
 * tier, resource or action stops start-up with the file, line and problem.
 */
package dev.unifiedauth.core.policy;
