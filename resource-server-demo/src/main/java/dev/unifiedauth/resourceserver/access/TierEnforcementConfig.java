package dev.unifiedauth.resourceserver.access;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts {@link TierEnforcement} in front of every {@code /api/**} handler.
 */
@Configuration(proxyBeanMethods = false)
class TierEnforcementConfig implements WebMvcConfigurer {

	private final TierEnforcement tierEnforcement;

	TierEnforcementConfig(TierEnforcement tierEnforcement) {
		this.tierEnforcement = tierEnforcement;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this.tierEnforcement).addPathPatterns(ResourceServerSecurityConfig.API);
	}

}
