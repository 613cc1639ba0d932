package dev.unifiedauth.authserver.storage;

import java.time.Instant;
import java.util.TimeZone;

import dev.unifiedauth.authserver.testing.DatabaseVendor;
import dev.unifiedauth.authserver.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instants are stored as the instant they are, whatever the JVM's time zone: a server in Kolkata (+05:30) writes
 * the same {@code TIMESTAMP WITH TIME ZONE} as one in UTC, through our stores ({@link DbTime}) and Spring's alike.
 */
class InstantStorageTests {

	private static final Instant NINE_UTC = Instant.parse("2026-03-01T09:00:00Z");

	private static final String NINE_UTC_LITERAL = "TIMESTAMP WITH TIME ZONE '2026-03-01 09:00:00+00'";

	@ParameterizedTest
	@EnumSource(DatabaseVendor.class)
	void storeWhenJvmTimeZoneIsNotUtcThenInstantsAreStoredAndReadUnshifted(DatabaseVendor vendor) {
		TimeZone original = TimeZone.getDefault();
		TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
		try (TestDatabase database = TestDatabase.migrated(vendor)) {
			JdbcTemplate jdbc = database.jdbc();
			jdbc.update("INSERT INTO login_throttle (account_key, failures, last_failure_at) VALUES (?, ?, ?)", "k", 1,
					DbTime.toDb(NINE_UTC));
			JdbcRegisteredClientRepository clients = new JdbcRegisteredClientRepository(jdbc);
			RegisteredClient client = SpringStoreFixtures.backendClient("c1").build();
			clients.save(client);
			JdbcOAuth2AuthorizationService authorizations = new JdbcOAuth2AuthorizationService(jdbc, clients);
			authorizations.save(SpringStoreFixtures.redeemedAuthorization(client, "authz-1"));

			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM login_throttle WHERE last_failure_at = "
					+ NINE_UTC_LITERAL, Integer.class)).isOne();
			assertThat(jdbc.query("SELECT last_failure_at FROM login_throttle",
					(rs, row) -> DbTime.fromDb(rs, "last_failure_at"))).containsExactly(NINE_UTC);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM oauth2_authorization WHERE access_token_issued_at = "
					+ NINE_UTC_LITERAL, Integer.class)).isOne();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM oauth2_registered_client WHERE client_id_issued_at = "
					+ NINE_UTC_LITERAL, Integer.class)).isOne();
			OAuth2Authorization read = authorizations.findById("authz-1");
			assertThat(read.getAccessToken().getToken().getIssuedAt()).isEqualTo(NINE_UTC);
			assertThat(clients.findById("c1").getClientIdIssuedAt()).isEqualTo(NINE_UTC);
		}
		finally {
			TimeZone.setDefault(original);
		}
	}

}
