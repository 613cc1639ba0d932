package dev.unifiedauth.authserver;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Beans every capability shares. The clock is injected everywhere so that tests can move time.
 */
@Configuration(proxyBeanMethods = false)
class ServerConfig {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
