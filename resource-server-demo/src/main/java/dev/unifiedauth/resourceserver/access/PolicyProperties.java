package dev.unifiedauth.resourceserver.access;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the permission policy is ({@code unified-auth.policy.location}, the same setting and default as the
 * authorization server's): a Spring resource location such as {@code file:./policy.yaml}; by default the demo
 * policy shipped in unified-auth-core. Both servers must load the same file.
 *
 * @param location the policy file
 */
@ConfigurationProperties("unified-auth.policy")
record PolicyProperties(@DefaultValue("classpath:dev/unifiedauth/core/policy/default-policy.yaml") String location) {
}
