package dev.unifiedauth.authserver.resources;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.unifiedauth.authserver.UnifiedAuthProperties;

import org.springframework.stereotype.Component;

/**
 * The configured resource servers and the resources each one owns. Immutable and thread-safe.
 */
@Component
public final class ResourceServers {

	private final List<UnifiedAuthProperties.ResourceServer> servers;

	public ResourceServers(UnifiedAuthProperties properties) {
		this.servers = properties.resourceServers();
		for (UnifiedAuthProperties.ResourceServer server : this.servers) {
			if (server.identifier() == null || server.identifier().isBlank()) {
				throw new IllegalStateException("unified-auth.resource-servers[].identifier must be set");
			}
		}
	}

	/** Whether {@code identifier} is the identifier of a configured resource server. */
	public boolean isIdentifier(String identifier) {
		return this.servers.stream().anyMatch((server) -> server.identifier().equals(identifier));
	}

	/** The resource server that owns {@code resource}, if any. */
	public Optional<String> identifierOwning(String resource) {
		return this.servers.stream()
			.filter((server) -> server.resources().contains(resource))
			.map(UnifiedAuthProperties.ResourceServer::identifier)
			.findFirst();
	}

	/**
	 * The audience of a token carrying {@code scopes}: every resource server that owns one of their resources,
	 * in configuration order (RFC 9068 §3).
	 */
	public List<String> audienceFor(Collection<String> scopes) {
		List<String> audience = new ArrayList<>();
		for (String scope : scopes) {
			ResourceScope.parse(scope)
				.flatMap((parsed) -> identifierOwning(parsed.resource()))
				.filter((identifier) -> !audience.contains(identifier))
				.ifPresent(audience::add);
		}
		audience.sort((a, b) -> Integer.compare(indexOf(a), indexOf(b)));
		return audience;
	}

	private int indexOf(String identifier) {
		for (int i = 0; i < this.servers.size(); i++) {
			if (this.servers.get(i).identifier().equals(identifier)) {
				return i;
			}
		}
		return Integer.MAX_VALUE;
	}

}
