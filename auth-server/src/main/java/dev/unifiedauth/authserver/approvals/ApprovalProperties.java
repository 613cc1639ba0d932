package dev.unifiedauth.authserver.approvals;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long approvals live ({@code unified-auth.approvals.*}).
 *
 * @param pendingTtl how long a request waits for the human's decision
 * @param useWithin how long an approved operation may be retried (once)
 */
@ConfigurationProperties("unified-auth.approvals")
public record ApprovalProperties(@DefaultValue("15m") Duration pendingTtl, @DefaultValue("5m") Duration useWithin) {
}
