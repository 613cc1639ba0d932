package dev.unifiedauth.resourceserver.access;

import java.io.IOException;
import java.io.InputStream;

import dev.unifiedauth.core.policy.PermissionDecider;
import dev.unifiedauth.core.policy.PermissionPolicy;
import dev.unifiedauth.core.policy.PolicyLoader;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Reads the policy file once at start-up, as the authorization server does; a file that cannot be read or used
 * stops the start (the {@code PolicyException} names the file, line and problem).
 */
@Configuration(proxyBeanMethods = false)
class PolicyConfig {

	@Bean
	PermissionPolicy permissionPolicy(ResourceLoader resources, PolicyProperties properties) {
		Resource resource = resources.getResource(properties.location());
		try (InputStream in = resource.getInputStream()) {
			return PolicyLoader.load(in, properties.location());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the policy file " + properties.location(), ex);
		}
	}

	@Bean
	PermissionDecider permissionDecider(PermissionPolicy policy) {
		return new PermissionDecider(policy);
	}

}
