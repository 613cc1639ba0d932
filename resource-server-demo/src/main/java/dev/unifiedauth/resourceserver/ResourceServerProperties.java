package dev.unifiedauth.resourceserver;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the demo resource server, bound from {@code resource-server.*}.
 *
 * @param identifier this server's RFC 8707 resource identifier; tokens must name it in {@code aud}
 * @param issuer the authorization server whose tokens are accepted (exact {@code iss})
 * @param jwkSetUri where the authorization server publishes its keys; defaults to {@code issuer + /oauth2/jwks}
 * @param clockSkew tolerance for {@code exp}, {@code nbf} and {@code iat}
 * @param corsAllowedOrigins browser origins allowed to call the API (the demo client page)
 */
@ConfigurationProperties("resource-server")
public record ResourceServerProperties(@DefaultValue("http://localhost:8081") String identifier,
		@DefaultValue("http://localhost:9000") String issuer, String jwkSetUri,
		@DefaultValue("60s") Duration clockSkew, @DefaultValue("http://localhost:9000") List<String> corsAllowedOrigins) {

	public String effectiveJwkSetUri() {
		return (this.jwkSetUri != null && !this.jwkSetUri.isBlank()) ? this.jwkSetUri : this.issuer + "/oauth2/jwks";
	}

}
