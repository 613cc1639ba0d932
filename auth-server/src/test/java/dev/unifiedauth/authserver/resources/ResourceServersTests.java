package dev.unifiedauth.authserver.resources;

import java.util.List;

import dev.unifiedauth.authserver.UnifiedAuthProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ResourceServersTests {

	private final ResourceServers servers = new ResourceServers(properties(
			new UnifiedAuthProperties.ResourceServer("https://docs.example", List.of("documents", "users")),
			new UnifiedAuthProperties.ResourceServer("https://pay.example", List.of("payments"))));

	@Test
	void audienceForWhenScopesSpanTwoServersThenBothInConfigurationOrder() {
		assertThat(this.servers.audienceFor(List.of("payments:read", "openid", "documents:read", "users:read")))
			.containsExactly("https://docs.example", "https://pay.example");
	}

	@Test
	void audienceForWhenNoResourceScopeThenEmpty() {
		assertThat(this.servers.audienceFor(List.of("openid", "profile", "unknown:read"))).isEmpty();
	}

	@Test
	void identifierOwningWhenResourceUnknownThenEmpty() {
		assertThat(this.servers.identifierOwning("documents")).contains("https://docs.example");
		assertThat(this.servers.identifierOwning("audit")).isEmpty();
	}

	@Test
	void constructorWhenIdentifierBlankThenStartupFails() {
		assertThatIllegalStateException().isThrownBy(() -> new ResourceServers(
				properties(new UnifiedAuthProperties.ResourceServer(" ", List.of("documents")))));
	}

	static UnifiedAuthProperties properties(UnifiedAuthProperties.ResourceServer... servers) {
		return new UnifiedAuthProperties("http://localhost:9000", null, null, null, List.of(servers));
	}

}
