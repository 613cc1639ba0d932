package dev.unifiedauth.authserver.storage;

import java.time.Duration;

import dev.unifiedauth.authserver.testing.OnEveryDatabase;
import dev.unifiedauth.authserver.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's {@link JdbcRegisteredClientRepository} on our schema, on each supported database: a client registered
 * with our profile (PKCE, rotating refresh tokens, ES256) reads back equal, settings included.
 */
@OnEveryDatabase
class JdbcRegisteredClientRepositoryTests {

	private final TestDatabase database;

	private JdbcRegisteredClientRepository clients;

	JdbcRegisteredClientRepositoryTests(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void freshlyMigratedDatabase() {
		this.database.reset();
		this.clients = new JdbcRegisteredClientRepository(this.database.jdbc());
	}

	@Test
	void findByClientIdWhenSavedThenEqualWithEverySetting() {
		RegisteredClient client = SpringStoreFixtures.backendClient("c1").build();

		this.clients.save(client);

		RegisteredClient read = this.clients.findByClientId("client-c1");
		assertThat(read).isEqualTo(client);
		assertThat(read.getClientSettings().isRequireProofKey()).isTrue();
		assertThat(read.getTokenSettings().isReuseRefreshTokens()).isFalse();
		assertThat(read.getTokenSettings().getAccessTokenTimeToLive()).isEqualTo(Duration.ofMinutes(15));
		assertThat(read.getTokenSettings().getIdTokenSignatureAlgorithm()).isEqualTo(SignatureAlgorithm.ES256);
		assertThat(this.clients.findById("c1")).isEqualTo(client);
	}

	@Test
	void saveWhenClientExistsThenUpdatesIt() {
		RegisteredClient client = SpringStoreFixtures.backendClient("c1").build();
		this.clients.save(client);

		RegisteredClient renamed = RegisteredClient.from(client)
			.clientName("Renamed")
			.scopes((scopes) -> scopes.remove("documents:update"))
			.build();
		this.clients.save(renamed);

		assertThat(this.clients.findByClientId("client-c1")).isEqualTo(renamed);
		assertThat(this.database.jdbc().queryForObject("SELECT COUNT(*) FROM oauth2_registered_client", Integer.class))
			.isOne();
	}

	@Test
	void findByClientIdWhenUnknownThenNull() {
		this.clients.save(SpringStoreFixtures.backendClient("c1").build());

		assertThat(this.clients.findByClientId("client-c2")).isNull();
		assertThat(this.clients.findById("c2")).isNull();
	}

}
