package dev.unifiedauth.authserver.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.unifiedauth.authserver.testing.DatabaseVendor;
import dev.unifiedauth.authserver.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Flyway migrations of each vendor, applied to an empty database as on a first start.
 */
class MigrationTests {

	/** Every table the server's own stores read or write, with the columns their SQL names. */
	static final Map<String, List<String>> TABLES_OF_OUR_STORES = Map.of(
			"user_account", List.of("id", "email", "display_name", "password_hash", "enabled", "created_at"),
			"user_role", List.of("user_id", "role"),
			"delegated_token", List.of("jti", "subject", "task_id", "actor_chain", "client_id", "parent_jti", "scope",
					"audience", "dpop_jkt", "issued_at", "expires_at", "revoked_at"),
			"login_throttle", List.of("account_key", "failures", "last_failure_at", "locked_until"),
			"signing_key", List.of("kid", "algorithm", "public_jwk", "sealed_private_jwk", "created_at", "retired_at",
					"publish_until"),
			"refresh_token_lineage", List.of("token_hash", "authorization_id", "rotated_at"),
			"signing_key_lock", List.of("id"),
			"audit_event", List.of("seq", "event_id", "event_time", "type", "decision", "reason", "source", "client_id",
					"chain", "chain_root", "task_id", "resource", "action", "jti", "details", "prev_hash", "hash"),
			"audit_head", List.of("id", "last_seq", "last_hash"),
			"audit_checkpoint", List.of("seq", "hash", "created_at", "key_id", "signature"));

	/** Spring's stock schema files, whose tables its JDBC services use column by column. */
	static final List<String> SPRING_SCHEMAS = List.of(
			"org/springframework/security/oauth2/server/authorization/oauth2-authorization-schema.sql",
			"org/springframework/security/oauth2/server/authorization/oauth2-authorization-consent-schema.sql",
			"org/springframework/security/oauth2/server/authorization/client/oauth2-registered-client-schema.sql");

	/** The columns whose JDBC type {@code JdbcOAuth2AuthorizationService} inspects (BLOB or not). */
	static final List<String> SPRING_LOB_COLUMNS = List.of("attributes", "authorization_code_value",
			"authorization_code_metadata", "access_token_value", "access_token_metadata", "oidc_id_token_value",
			"oidc_id_token_metadata", "refresh_token_value", "refresh_token_metadata", "user_code_value",
			"user_code_metadata", "device_code_value", "device_code_metadata");

	@ParameterizedTest
	@EnumSource(DatabaseVendor.class)
	void migrateWhenDatabaseIsEmptyThenEveryMigrationIsAppliedUpToTheLatest(DatabaseVendor vendor) {
		try (TestDatabase database = TestDatabase.empty(vendor)) {
			Flyway flyway = database.flyway();
			int available = flyway.info().pending().length;

			MigrateResult result = flyway.migrate();

			assertThat(available).isPositive();
			assertThat(result.success).isTrue();
			assertThat(result.migrationsExecuted).isEqualTo(available);
			assertThat(flyway.info().pending()).isEmpty();
			assertThat(flyway.info().current().getVersion()).isEqualTo(latestVersion(flyway));
		}
	}

	@ParameterizedTest
	@EnumSource(DatabaseVendor.class)
	void migrateWhenAppliedThenEveryTableAndColumnTheCodeUsesExists(DatabaseVendor vendor) throws IOException {
		try (TestDatabase database = TestDatabase.empty(vendor)) {
			database.flyway().migrate();

			Map<String, List<String>> expected = new TreeMap<>(TABLES_OF_OUR_STORES);
			expected.putAll(springTables());
			assertThat(expected).hasSize(13);
			assertThat(expected.get("oauth2_authorization")).hasSizeGreaterThan(30).contains("refresh_token_value");
			assertThat(database.tables()).containsAll(expected.keySet());
			expected.forEach((table, columns) -> assertThat(database.columns(table)).as(table).containsAll(columns));
		}
	}

	@ParameterizedTest
	@EnumSource(DatabaseVendor.class)
	void migrateWhenAppliedThenTheSigningKeyLockRowExists(DatabaseVendor vendor) {
		try (TestDatabase database = TestDatabase.empty(vendor)) {
			database.flyway().migrate();

			assertThat(database.jdbc().queryForList("SELECT id FROM signing_key_lock", Integer.class)).containsExactly(1);
		}
	}

	@ParameterizedTest
	@EnumSource(DatabaseVendor.class)
	void migrateWhenRunAgainThenNothingIsExecutedAndValidationPasses(DatabaseVendor vendor) {
		try (TestDatabase database = TestDatabase.empty(vendor)) {
			database.flyway().migrate();
			List<String> tables = database.tables();

			MigrateResult second = database.flyway().migrate();

			assertThat(second.migrationsExecuted).isZero();
			assertThat(database.flyway().validateWithResult().validationSuccessful).isTrue();
			assertThat(database.tables()).containsExactlyInAnyOrderElementsOf(tables);
		}
	}

	@Test
	void migrationsWhenAppliedOnEveryVendorThenTheyReachTheSameVersionWithTheSameColumns() {
		try (TestDatabase h2 = TestDatabase.empty(DatabaseVendor.H2);
				TestDatabase postgres = TestDatabase.empty(DatabaseVendor.POSTGRESQL)) {
			h2.flyway().migrate();
			postgres.flyway().migrate();

			assertThat(postgres.flyway().info().current().getVersion())
				.isEqualTo(h2.flyway().info().current().getVersion());
			assertThat(schemaOf(postgres)).isEqualTo(schemaOf(h2));
		}
	}

	/**
	 * Spring's JDBC authorization service binds and reads these columns by the JDBC type it saw last, in any
	 * database of the JVM (a static field): every vendor must report the same type for each.
	 */
	@Test
	void migrationsWhenAppliedOnEveryVendorThenSpringsLobColumnsHaveTheSameJdbcType() {
		try (TestDatabase h2 = TestDatabase.empty(DatabaseVendor.H2);
				TestDatabase postgres = TestDatabase.empty(DatabaseVendor.POSTGRESQL)) {
			h2.flyway().migrate();
			postgres.flyway().migrate();

			for (String column : SPRING_LOB_COLUMNS) {
				assertThat(h2.columnTypes("oauth2_authorization").get(column)).as(column)
					.isNotNull()
					.isNotEqualTo(Types.BLOB)
					.isEqualTo(postgres.columnTypes("oauth2_authorization").get(column));
			}
		}
	}

	private static MigrationVersion latestVersion(Flyway flyway) {
		return List.of(flyway.info().all())
			.stream()
			.map(MigrationInfo::getVersion)
			.max(Comparator.naturalOrder())
			.orElseThrow();
	}

	private static Map<String, List<String>> schemaOf(TestDatabase database) {
		Map<String, List<String>> schema = new TreeMap<>();
		for (String table : database.tables()) {
			schema.put(table, database.columns(table).stream().sorted().toList());
		}
		return schema;
	}

	/** Table → columns of Spring's stock schema files, read from its jar. */
	static Map<String, List<String>> springTables() throws IOException {
		Pattern createTable = Pattern.compile("CREATE TABLE (\\w+) \\((.*?)\\);", Pattern.DOTALL);
		Map<String, List<String>> tables = new TreeMap<>();
		for (String resource : SPRING_SCHEMAS) {
			Matcher matcher = createTable.matcher(read(resource));
			assertThat(matcher.find()).as("CREATE TABLE in " + resource).isTrue();
			List<String> columns = new ArrayList<>();
			for (String line : matcher.group(2).split("\n")) {
				String definition = line.trim();
				if (!definition.isEmpty() && !definition.startsWith("PRIMARY KEY") && !definition.startsWith("CONSTRAINT")) {
					columns.add(definition.split("\\s+")[0]);
				}
			}
			tables.put(matcher.group(1), columns);
		}
		return tables;
	}

	private static String read(String resource) throws IOException {
		try (InputStream in = MigrationTests.class.getClassLoader().getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
