package dev.unifiedauth.authserver.testing;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.unifiedauth.authserver.testing.PostgresDatabases.PostgresDatabase;
import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A database of one vendor for store tests: H2 in memory or a fresh PostgreSQL database (see
 * {@link PostgresDatabases}), opened on first use (so that a missing PostgreSQL skips tests, not the class) and
 * gone when closed. {@link #migrated} ones carry the vendor's Flyway migrations, as the application does.
 */
public final class TestDatabase implements AutoCloseable {

	private final DatabaseVendor vendor;

	private final boolean migrate;

	private PostgresDatabase postgres;

	private HikariDataSource dataSource;

	private TestDatabase(DatabaseVendor vendor, boolean migrate) {
		this.vendor = vendor;
		this.migrate = migrate;
	}

	public static TestDatabase migrated(DatabaseVendor vendor) {
		return new TestDatabase(vendor, true);
	}

	public static TestDatabase empty(DatabaseVendor vendor) {
		return new TestDatabase(vendor, false);
	}

	/** One migrated database per vendor: the source of {@link OnEveryDatabase} test classes. */
	public static Stream<TestDatabase> everyVendor() {
		return Stream.of(DatabaseVendor.values()).map(TestDatabase::migrated);
	}

	public DatabaseVendor vendor() {
		return this.vendor;
	}

	public synchronized DataSource dataSource() {
		if (this.dataSource == null) {
			this.dataSource = open();
			if (this.migrate) {
				flyway().migrate();
			}
		}
		return this.dataSource;
	}

	public JdbcTemplate jdbc() {
		return new JdbcTemplate(dataSource());
	}

	public TransactionTemplate transactions() {
		return new TransactionTemplate(new DataSourceTransactionManager(dataSource()));
	}

	/** Flyway as the application configures it: this vendor's migrations on this database. */
	public Flyway flyway() {
		return Flyway.configure().dataSource(dataSource()).locations(this.vendor.migrations()).load();
	}

	/** Names of the tables in the default schema, lower-case, Flyway's history excluded. */
	public List<String> tables() {
		return this.jdbc().execute((Connection connection) -> {
			List<String> tables = new ArrayList<>();
			DatabaseMetaData metaData = connection.getMetaData();
			try (ResultSet rs = metaData.getTables(null, connection.getSchema(), "%", new String[] { "TABLE" })) {
				while (rs.next()) {
					String table = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
					if (!table.equals("flyway_schema_history")) {
						tables.add(table);
					}
				}
			}
			return tables;
		});
	}

	/** Names of the columns of {@code table}, lower-case. */
	public List<String> columns(String table) {
		return new ArrayList<>(columnTypes(table).keySet());
	}

	/** The columns of {@code table}, lower-case, with the JDBC type ({@link java.sql.Types}) the driver reports. */
	public Map<String, Integer> columnTypes(String table) {
		return this.jdbc().execute((Connection connection) -> {
			Map<String, Integer> columns = new LinkedHashMap<>();
			String name = (this.vendor == DatabaseVendor.H2) ? table.toUpperCase(Locale.ROOT) : table;
			try (ResultSet rs = connection.getMetaData().getColumns(null, connection.getSchema(), name, "%")) {
				while (rs.next()) {
					columns.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), rs.getInt("DATA_TYPE"));
				}
			}
			return columns;
		});
	}

	/**
	 * Brings the database back to the freshly migrated state (rows that migrations insert included), so that each
	 * test starts as the application does on its first start.
	 */
	public void reset() {
		Flyway flyway = Flyway.configure()
			.dataSource(dataSource())
			.locations(this.vendor.migrations())
			.cleanDisabled(false)
			.load();
		flyway.clean();
		flyway.migrate();
	}

	private HikariDataSource open() {
		if (this.vendor == DatabaseVendor.POSTGRESQL) {
			this.postgres = PostgresDatabases.create();
		}
		HikariDataSource pool = new HikariDataSource();
		pool.setMaximumPoolSize(10);
		pool.setPoolName("test-" + this.vendor.name().toLowerCase(Locale.ROOT));
		if (this.postgres != null) {
			pool.setJdbcUrl(this.postgres.url());
			pool.setUsername(this.postgres.user());
			pool.setPassword(this.postgres.password());
		}
		else {
			pool.setJdbcUrl("jdbc:h2:mem:ua-test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
			pool.setUsername("sa");
			pool.setPassword("");
		}
		return pool;
	}

	@Override
	public synchronized void close() {
		if (this.dataSource != null) {
			if (this.vendor == DatabaseVendor.H2) {
				jdbc().execute("SHUTDOWN");
			}
			this.dataSource.close();
			this.dataSource = null;
		}
		if (this.postgres != null) {
			this.postgres.close();
			this.postgres = null;
		}
	}

	@Override
	public String toString() {
		return this.vendor.toString();
	}

}
