package dev.unifiedauth.authserver.audit;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The verify command: reads the server's own configuration (the same {@code application.yml}, environment
 * variables and {@code --name=value} arguments), opens the database without migrating or writing anything,
 * verifies the trail with the checkpoint key file and the exported checkpoints, prints one line and exits with
 * status 0 (the trail verifies) or 1 (it does not, or cannot be read). Only the database, the key file and the
 * exported file are touched; no web server starts. Run it as {@code ./mvnw -q -Paudit-verify -pl auth-server -am}
 * or {@code java -cp auth-server.jar -Dloader.main=dev.unifiedauth.authserver.audit.AuditVerifyCommand
 * org.springframework.boot.loader.launch.PropertiesLauncher} (docs/audit.md).
 */
public final class AuditVerifyCommand {

	private AuditVerifyCommand() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.out));
	}

	/** Verifies, prints the report to {@code out}; the exit status. */
	static int run(String[] args, PrintStream out) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(VerifyConfiguration.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.listeners(new QuietLogging())
			.run(args)) {
			AuditProperties properties = context.getBean(AuditProperties.class);
			// the key must exist: verifying never creates one
			CheckpointKey key = CheckpointKey.load(properties.checkpointKeyFile());
			Verification verification = new AuditVerifier(context.getBean(AuditTrail.class), key,
					new CheckpointExport(properties.checkpointExportFile())).verify();
			out.println(verification.report());
			return verification.ok() ? 0 : 1;
		}
		catch (RuntimeException ex) {
			// the key file's own message names the file; a database's deepest cause is the readable one
			out.println("Audit trail UNREADABLE: "
					+ ((ex instanceof IllegalStateException && ex.getMessage() != null) ? ex.getMessage() : rootCause(ex)));
			return 1;
		}
	}

	private static String rootCause(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getMessage();
	}

	/**
	 * Logs only warnings, whatever {@code application.yml} says, so that the report is the output; an explicit
	 * {@code --logging.level.root} argument still wins. Runs before the logging system is initialised.
	 */
	static final class QuietLogging implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

		@Override
		public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
			MutablePropertySources sources = event.getEnvironment().getPropertySources();
			MapPropertySource quiet = new MapPropertySource("audit-verify",
					Map.of("logging.level.root", "WARN", "spring.main.log-startup-info", "false"));
			if (sources.contains(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME)) {
				sources.addAfter(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME, quiet);
			}
			else {
				sources.addFirst(quiet);
			}
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

	/**
	 * The database and the audit parts the verifier needs; nothing else of the server. Not a
	 * {@code @Configuration}, so that the server's component scan never picks it up; the command registers it.
	 */
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class })
	@EnableConfigurationProperties(AuditProperties.class)
	static class VerifyConfiguration {

		/** The server's datasource, except that an H2 file database that does not exist is not created. */
		@Bean
		DataSource dataSource(DataSourceProperties properties) {
			String url = properties.determineUrl();
			if (url != null && url.startsWith("jdbc:h2:file:") && !url.toUpperCase(Locale.ROOT).contains("IFEXISTS")) {
				url = url + ";IFEXISTS=TRUE";
			}
			return properties.initializeDataSourceBuilder().url(url).build();
		}

		@Bean
		AuditTrail auditTrail(JdbcTemplate jdbc, DataSource dataSource) {
			return new AuditTrail(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
		}

	}

}
