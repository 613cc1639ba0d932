package dev.unifiedauth.resourceserver;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Shared beans. The clock is injected so that tests can move time.
 */
@Configuration(proxyBeanMethods = false)
class ResourceServerConfig {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
