package dev.unifiedauth.resourceserver.revocation;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;

import dev.unifiedauth.core.revocation.RevocationRules;
import dev.unifiedauth.resourceserver.ResourceServerProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The revocation feed client, the in-memory rules and the poller that keeps them fresh.
 */
@Configuration(proxyBeanMethods = false)
class RevocationConfig {

	@Bean
	RevocationStatus revocationStatus(ResourceServerProperties properties, Clock clock) {
		ResourceServerProperties.Revocation settings = properties.revocation();
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(settings.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(settings.readTimeout());
		RevocationFeedClient feed = new RevocationFeedClient(RestClient.builder().requestFactory(requests).build(),
				URI.create(properties.effectiveRevocationFeedUri()), properties.clientId(), properties.clientSecret());
		return new RevocationStatus(feed, new RevocationRules(settings.capacity()), clock, System::nanoTime,
				settings.maxStaleness());
	}

	@Bean
	RevocationPoller revocationPoller(RevocationStatus status, ResourceServerProperties properties) {
		return new RevocationPoller(status, properties.revocation().pollInterval());
	}

}
