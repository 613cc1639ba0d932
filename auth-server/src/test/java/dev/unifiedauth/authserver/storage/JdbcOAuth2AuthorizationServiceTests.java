package dev.unifiedauth.authserver.storage;

import java.security.Principal;
import java.time.Duration;
import java.util.Map;

import dev.unifiedauth.authserver.testing.DatabaseVendor;
import dev.unifiedauth.authserver.testing.OnEveryDatabase;
import dev.unifiedauth.authserver.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static dev.unifiedauth.authserver.storage.SpringStoreFixtures.ACCESS_TOKEN;
import static dev.unifiedauth.authserver.storage.SpringStoreFixtures.CODE;
import static dev.unifiedauth.authserver.storage.SpringStoreFixtures.ISSUED_AT;
import static dev.unifiedauth.authserver.storage.SpringStoreFixtures.REFRESH_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's {@link JdbcOAuth2AuthorizationService} on our schema (V1, adapted per vendor), on each supported
 * database: what the token endpoint saves reads back unchanged, and every token value finds its authorization.
 */
@OnEveryDatabase
class JdbcOAuth2AuthorizationServiceTests {

	private final TestDatabase database;

	private JdbcOAuth2AuthorizationService authorizations;

	private RegisteredClient client;

	JdbcOAuth2AuthorizationServiceTests(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void freshlyMigratedDatabase() {
		this.database.reset();
		JdbcRegisteredClientRepository clients = new JdbcRegisteredClientRepository(this.database.jdbc());
		this.client = SpringStoreFixtures.backendClient("c1").build();
		clients.save(this.client);
		this.authorizations = new JdbcOAuth2AuthorizationService(this.database.jdbc(), clients);
	}

	@Test
	void findByIdWhenSavedThenAccessTokenClaimsReadBackWithTheirShapes() {
		this.authorizations.save(SpringStoreFixtures.redeemedAuthorization(this.client, "authz-1"));

		OAuth2Authorization read = this.authorizations.findById("authz-1");

		Map<String, Object> claims = read.getAccessToken().getClaims();
		assertThat(claims).isEqualTo(SpringStoreFixtures.accessTokenClaims());
		assertThat(claims.get("scope")).isInstanceOf(String.class);
		assertThat(claims.get("aud")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.containsExactly("http://localhost:8081");
		assertThat(claims.get("act")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("sub", "analysis-agent-002")
			.containsEntry("act", Map.of("sub", "scheduling-agent-001"));
	}

	@Test
	void findByIdWhenSavedThenTokensInstantsAndAttributesReadBack() {
		this.authorizations.save(SpringStoreFixtures.redeemedAuthorization(this.client, "authz-1"));

		OAuth2Authorization read = this.authorizations.findById("authz-1");

		assertThat(read.getPrincipalName()).isEqualTo("usr-alice-001");
		assertThat(read.getAuthorizedScopes()).containsExactlyInAnyOrder("openid", "documents:read");
		OAuth2AccessToken accessToken = read.getAccessToken().getToken();
		assertThat(accessToken.getTokenValue()).isEqualTo(ACCESS_TOKEN);
		assertThat(accessToken.getIssuedAt()).isEqualTo(ISSUED_AT);
		assertThat(accessToken.getExpiresAt()).isEqualTo(ISSUED_AT.plusSeconds(900));
		OAuth2RefreshToken refreshToken = read.getRefreshToken().getToken();
		assertThat(refreshToken.getExpiresAt()).isEqualTo(ISSUED_AT.plus(Duration.ofHours(8)));
		assertThat(read.getToken(OAuth2AuthorizationCode.class).isInvalidated()).isTrue();
		assertThat(read.getRefreshToken().isInvalidated()).isFalse();
		assertThat(read.<Authentication>getAttribute(Principal.class.getName()).getName()).isEqualTo("usr-alice-001");
		assertThat(read.<OAuth2AuthorizationRequest>getAttribute(OAuth2AuthorizationRequest.class.getName())
			.getAdditionalParameters()).containsEntry("code_challenge_method", "S256");
	}

	@Test
	void findByTokenWhenAnyTokenValueThenFindsItsAuthorization() {
		this.authorizations.save(SpringStoreFixtures.redeemedAuthorization(this.client, "authz-1"));

		assertThat(this.authorizations.findByToken(ACCESS_TOKEN, OAuth2TokenType.ACCESS_TOKEN).getId())
			.isEqualTo("authz-1");
		assertThat(this.authorizations.findByToken(REFRESH_TOKEN, OAuth2TokenType.REFRESH_TOKEN).getId())
			.isEqualTo("authz-1");
		assertThat(this.authorizations.findByToken(CODE, new OAuth2TokenType("code")).getId()).isEqualTo("authz-1");
		assertThat(this.authorizations.findByToken(REFRESH_TOKEN, null).getId()).isEqualTo("authz-1");
		assertThat(this.authorizations.findByToken(REFRESH_TOKEN, OAuth2TokenType.ACCESS_TOKEN)).isNull();
	}

	@Test
	void saveWhenRefreshTokenRevokedThenReadsBackInvalidated() {
		OAuth2Authorization saved = SpringStoreFixtures.redeemedAuthorization(this.client, "authz-1");
		this.authorizations.save(saved);

		this.authorizations.save(OAuth2Authorization.from(saved).invalidate(saved.getRefreshToken().getToken()).build());

		OAuth2Authorization read = this.authorizations.findByToken(REFRESH_TOKEN, OAuth2TokenType.REFRESH_TOKEN);
		assertThat(read.getRefreshToken().isInvalidated()).isTrue();
		assertThat(read.getAccessToken().isInvalidated()).as("revoking a refresh token revokes its access token")
			.isTrue();
	}

	/**
	 * Spring keeps the column types it reads at construction in a static field: the last service built in a JVM
	 * decides how every instance binds values. Both vendors' schemas must therefore map each column to the same
	 * JDBC type, or one JVM cannot use both (as this test suite does).
	 */
	@Test
	void findByIdWhenAServiceOnTheOtherVendorWasBuiltSinceThenStillReadsBack() {
		DatabaseVendor other = (this.database.vendor() == DatabaseVendor.H2) ? DatabaseVendor.POSTGRESQL
				: DatabaseVendor.H2;
		try (TestDatabase otherDatabase = TestDatabase.migrated(other)) {
			new JdbcOAuth2AuthorizationService(otherDatabase.jdbc(),
					new JdbcRegisteredClientRepository(otherDatabase.jdbc()));

			this.authorizations.save(SpringStoreFixtures.redeemedAuthorization(this.client, "authz-1"));

			assertThat(this.authorizations.findById("authz-1").getAccessToken().getClaims())
				.isEqualTo(SpringStoreFixtures.accessTokenClaims());
		}
	}

	@Test
	void removeWhenSavedThenGone() {
		OAuth2Authorization saved = SpringStoreFixtures.redeemedAuthorization(this.client, "authz-1");
		this.authorizations.save(saved);

		this.authorizations.remove(saved);

		assertThat(this.authorizations.findById("authz-1")).isNull();
		assertThat(this.authorizations.findByToken(ACCESS_TOKEN, OAuth2TokenType.ACCESS_TOKEN)).isNull();
	}

}
