package dev.unifiedauth.authserver.storage;

import dev.unifiedauth.authserver.testing.DatabaseVendor;
import dev.unifiedauth.authserver.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * H2's V6 turns the BLOB JSON columns of {@code oauth2_authorization} into text: authorizations stored before it
 * (in an existing {@code ./data} database) read back unchanged after it.
 */
class AuthorizationJsonAsTextMigrationTests {

	@Test
	void migrateWhenAuthorizationsWereStoredAsBlobsThenTheyReadBackAsText() {
		try (TestDatabase database = TestDatabase.empty(DatabaseVendor.H2)) {
			Flyway.configure()
				.dataSource(database.dataSource())
				.locations(DatabaseVendor.H2.migrations())
				.target("5")
				.load()
				.migrate();
			JdbcRegisteredClientRepository clients = new JdbcRegisteredClientRepository(database.jdbc());
			RegisteredClient client = SpringStoreFixtures.backendClient("c1").build();
			clients.save(client);
			OAuth2Authorization stored = SpringStoreFixtures.redeemedAuthorization(client, "authz-1");
			new JdbcOAuth2AuthorizationService(database.jdbc(), clients).save(stored);

			database.flyway().migrate();

			OAuth2Authorization read = new JdbcOAuth2AuthorizationService(database.jdbc(), clients).findById("authz-1");
			assertThat(read.getAccessToken().getClaims()).isEqualTo(SpringStoreFixtures.accessTokenClaims());
			assertThat(read.getAttributes()).containsOnlyKeys(stored.getAttributes().keySet());
			assertThat(read.getToken(SpringStoreFixtures.CODE).isInvalidated()).isTrue();
			assertThat(read.getRefreshToken().getToken().getTokenValue()).isEqualTo(SpringStoreFixtures.REFRESH_TOKEN);
		}
	}

}
