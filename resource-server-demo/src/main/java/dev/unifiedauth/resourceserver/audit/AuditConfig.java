package dev.unifiedauth.resourceserver.audit;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;

import dev.unifiedauth.core.audit.AuditSink;
import dev.unifiedauth.resourceserver.ResourceServerProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The resource server's audit events: spooled to disk as part of each decision, delivered to the authorization
 * server's one trail in the background.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfig {

	@Bean(destroyMethod = "close")
	AuditSpool auditSpool(ResourceServerProperties properties) {
		return new AuditSpool(Path.of(properties.audit().spoolDirectory()), properties.audit().maxSpoolSize().toBytes());
	}

	@Bean
	AuditSink auditSink(AuditSpool spool, JsonMapper json) {
		return new SpoolingAuditSink(spool, json);
	}

	@Bean
	AuditShipper auditShipper(AuditSpool spool, ResourceServerProperties properties) {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(Duration.ofSeconds(5));
		return new AuditShipper(spool, RestClient.builder().requestFactory(requests).build(),
				URI.create(properties.effectiveAuditIngestUri()), properties.clientId(), properties.clientSecret(),
				properties.audit().deliveryInterval());
	}

}
