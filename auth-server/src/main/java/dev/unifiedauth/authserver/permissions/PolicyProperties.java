package dev.unifiedauth.authserver.permissions;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the policy file is ({@code unified-auth.policy.location}): a Spring resource location such as
 * {@code file:./policy.yaml}; by default the demo policy shipped in unified-auth-core.
 *
 * @param location the policy file
 */
@ConfigurationProperties("unified-auth.policy")
public record PolicyProperties(
		@DefaultValue("classpath:dev/unifiedauth/core/policy/default-policy.yaml") String location) {
}
