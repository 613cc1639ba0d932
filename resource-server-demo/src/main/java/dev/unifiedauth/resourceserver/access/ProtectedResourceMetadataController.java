package dev.unifiedauth.resourceserver.access;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.unifiedauth.core.dpop.DPoPProofVerifier;
import dev.unifiedauth.core.policy.PermissionPolicy;
import dev.unifiedauth.resourceserver.ResourceServerProperties;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * RFC 9728 protected-resource metadata: this server's resource identifier, the one authorization server whose
 * tokens it accepts, the operations of the shared policy as scopes, tokens in the header only, and DPoP: the
 * proof algorithms and that tokens must be DPoP-bound ({@code dpop_bound_access_tokens_required}, §2). Public.
 */
@RestController
final class ProtectedResourceMetadataController {

	/** RFC 9728 §3: the well-known path, inserted before the path of the resource identifier (if any). */
	static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

	private final Map<String, Object> metadata;

	ProtectedResourceMetadataController(ResourceServerProperties properties, PermissionPolicy policy,
			DPoPProofVerifier proofs) {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("resource", properties.identifier()); // RFC 9728 §2, §3.3: exactly the identifier
		metadata.put("authorization_servers", List.of(properties.issuer()));
		metadata.put("scopes_supported", new ArrayList<>(policy.operationScopes()));
		metadata.put("bearer_methods_supported", List.of("header")); // OAuth 2.1 §5.1: never query or body
		metadata.put("resource_signing_alg_values_supported", List.of("ES256"));
		metadata.put("dpop_signing_alg_values_supported", proofs.algorithms());
		metadata.put("dpop_bound_access_tokens_required", true);
		this.metadata = Collections.unmodifiableMap(metadata);
	}

	/** RFC 9728 §3.1: the metadata URL of {@code identifier}. */
	static String metadataUri(String identifier) {
		URI uri = URI.create(identifier);
		String path = (uri.getRawPath() == null || "/".equals(uri.getRawPath())) ? "" : uri.getRawPath();
		if (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		return uri.getScheme() + "://" + uri.getRawAuthority() + WELL_KNOWN + path;
	}

	@GetMapping(path = WELL_KNOWN, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> metadata() {
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(this.metadata);
	}

}
