package dev.unifiedauth.authserver.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Assumptions;

/**
 * Hands out fresh, empty PostgreSQL databases ({@code ua_test_<random>}), each dropped when closed. The server is
 * found once per JVM, in this order:
 * <ol>
 * <li>{@code UA_TEST_POSTGRES_URL} (a JDBC URL of any database on the server, e.g.
 * {@code jdbc:postgresql://db:5432/postgres}) with {@code UA_TEST_POSTGRES_USER} / {@code UA_TEST_POSTGRES_PASSWORD}
 * (default {@code postgres} / empty); if it is set and unusable, every PostgreSQL test fails;</li>
 * <li>a server answering on {@code 127.0.0.1:5432} as that user (CI runs one there);</li>
 * <li>zonky's embedded PostgreSQL (binaries from Maven Central), started once per JVM and stopped when it exits.</li>
 * </ol>
 * If none works, PostgreSQL tests fail under {@code CI=true} and are skipped (with the reasons) elsewhere, so that
 * the README's test command passes on a machine without PostgreSQL. Thread-safe.
 */
public final class PostgresDatabases {

	static final String URL_VARIABLE = "UA_TEST_POSTGRES_URL";

	private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/?]+)(/[^?]*)?(\\?.*)?$");

	private static final SecureRandom RANDOM = new SecureRandom();

	private static Server server;

	private PostgresDatabases() {
	}

	/** Creates a fresh database; aborts (or, under CI, fails) the calling test if no server can be had. */
	public static PostgresDatabase create() {
		Server found = server();
		String name = "ua_test_" + HexFormat.of().formatHex(randomBytes(8));
		found.execute("CREATE DATABASE " + name);
		return new PostgresDatabase(found.urlOf(name), found.user(), found.password(), () -> found.drop(name));
	}

	/** Where the databases come from, for reports: {@code local}, {@code embedded} or why there is none. */
	public static String origin() {
		Server found = server();
		return found.origin() + " " + found.baseUrl();
	}

	private static synchronized Server server() {
		if (server == null) {
			server = locate();
		}
		if (server.unavailable() != null) {
			String message = "No PostgreSQL for the tests: " + server.unavailable();
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException(message);
			}
			Assumptions.abort(message + " (skipped; CI=true makes this a failure)");
		}
		return server;
	}

	private static Server locate() {
		String user = env("UA_TEST_POSTGRES_USER", "postgres");
		String password = env("UA_TEST_POSTGRES_PASSWORD", "");
		String configured = System.getenv(URL_VARIABLE);
		if (configured != null && !configured.isBlank()) {
			Server explicit = Server.of("configured", configured.trim(), user, password);
			String problem = explicit.probe();
			if (problem != null) {
				throw new IllegalStateException(URL_VARIABLE + "=" + configured + " is not usable: " + problem);
			}
			return explicit;
		}
		Server local = Server.of("local", "jdbc:postgresql://127.0.0.1:5432/postgres", user, password);
		String localProblem = local.probe();
		if (localProblem == null) {
			return local;
		}
		try {
			EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(embedded)));
			return Server.of("embedded", embedded.getJdbcUrl("postgres", "postgres"), "postgres", "");
		}
		catch (Exception | LinkageError ex) {
			return Server.none("no server on 127.0.0.1:5432 (" + localProblem + ") and embedded PostgreSQL did not start ("
					+ ex + "); set " + URL_VARIABLE + " to use another server");
		}
	}

	private static void closeQuietly(EmbeddedPostgres embedded) {
		try {
			embedded.close();
		}
		catch (Exception ex) {
			// the JVM is exiting
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null) ? value : fallback;
	}

	private static byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	/**
	 * A PostgreSQL server reachable through {@code baseUrl} ({@code jdbc:postgresql://host:port}), administered
	 * through its {@code postgres} database (or the one the configured URL names).
	 */
	private record Server(String origin, String baseUrl, String adminDatabase, String query, String user,
			String password, String unavailable) {

		static Server of(String origin, String jdbcUrl, String user, String password) {
			Matcher matcher = JDBC_URL.matcher(jdbcUrl);
			if (!matcher.matches()) {
				throw new IllegalStateException("Not a PostgreSQL JDBC URL: " + jdbcUrl);
			}
			String database = (matcher.group(2) != null && matcher.group(2).length() > 1) ? matcher.group(2) : "/postgres";
			return new Server(origin, matcher.group(1), database.substring(1),
					(matcher.group(3) != null) ? matcher.group(3) : "", user, password, null);
		}

		static Server none(String reason) {
			return new Server("none", "", "", "", "", "", reason);
		}

		String urlOf(String database) {
			return this.baseUrl + "/" + database + this.query;
		}

		/** {@code null} if the server answers and lets {@code user} in, else what went wrong. */
		String probe() {
			try (Connection connection = connect()) {
				return null;
			}
			catch (SQLException ex) {
				return ex.getMessage();
			}
		}

		void execute(String sql) {
			try (Connection connection = connect(); Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(sql + " failed on " + this.baseUrl, ex);
			}
		}

		void drop(String database) {
			execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'"
					+ " AND pid <> pg_backend_pid()");
			execute("DROP DATABASE IF EXISTS " + database);
		}

		private Connection connect() throws SQLException {
			Properties properties = new Properties();
			properties.setProperty("user", this.user);
			properties.setProperty("password", this.password);
			properties.setProperty("connectTimeout", "3");
			return DriverManager.getConnection(urlOf(this.adminDatabase), properties);
		}

	}

	/**
	 * A database created for one test class.
	 *
	 * @param url its JDBC URL
	 * @param user who may use it
	 * @param password that user's password
	 * @param dropper drops it
	 */
	public record PostgresDatabase(String url, String user, String password, Runnable dropper) implements AutoCloseable {

		/** Its URL with the credentials in it: what {@code spring.datasource.url} alone needs to select it. */
		public String urlWithCredentials() {
			return withCredentials(this.url);
		}

		/** {@code jdbcUrl} (e.g. this database's URL through a proxy) with this database's credentials added. */
		public String withCredentials(String jdbcUrl) {
			return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "user="
					+ URLEncoder.encode(this.user, StandardCharsets.UTF_8) + "&password="
					+ URLEncoder.encode(this.password, StandardCharsets.UTF_8);
		}

		/** Drops the database, ending any connection still open to it. */
		@Override
		public void close() {
			this.dropper.run();
		}

	}

}
