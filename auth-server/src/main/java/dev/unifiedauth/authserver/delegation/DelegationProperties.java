package dev.unifiedauth.authserver.delegation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of delegation ({@code unified-auth.delegation.*}).
 *
 * @param agentTokenTtl the longest lifetime of an agent token (contract: 5 minutes by default)
 * @param maxDepth the most agents in one delegation chain (contract: 4 by default)
 */
@ConfigurationProperties("unified-auth.delegation")
public record DelegationProperties(@DefaultValue("5m") Duration agentTokenTtl, @DefaultValue("4") int maxDepth) {
}
