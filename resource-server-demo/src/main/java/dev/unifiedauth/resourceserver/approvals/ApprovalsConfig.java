package dev.unifiedauth.resourceserver.approvals;

import java.net.URI;
import java.net.http.HttpClient;

import dev.unifiedauth.resourceserver.ResourceServerProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The client of the authorization server's approval API, with short timeouts so that a slow authorization server
 * turns into a quick 503 rather than a pile of waiting requests.
 */
@Configuration(proxyBeanMethods = false)
class ApprovalsConfig {

	@Bean
	ApprovalClient approvalClient(ResourceServerProperties properties) {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.approvals().connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(properties.approvals().readTimeout());
		return new ApprovalClient(RestClient.builder().requestFactory(requests).build(),
				URI.create(properties.effectiveApprovalCheckUri()), properties.clientId(), properties.clientSecret());
	}

}
