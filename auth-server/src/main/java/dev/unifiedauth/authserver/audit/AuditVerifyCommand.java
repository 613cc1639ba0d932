package dev.unifiedauth.authserver.audit;

import java.io.PrintStream;

import javax.sql.DataSource;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
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
			.properties("logging.level.root=WARN", "spring.flyway.enabled=false")
			.run(args)) {
			Verification verification = context.getBean(AuditVerifier.class).verify();
			out.println(verification.report());
			return verification.ok() ? 0 : 1;
		}
		catch (RuntimeException ex) {
			out.println("Audit trail UNREADABLE: " + rootCause(ex));
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
	 * The database and the audit parts the verifier needs; nothing else of the server. Not a
	 * {@code @Configuration}, so that the server's component scan never picks it up; the command registers it.
	 */
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class })
	@EnableConfigurationProperties(AuditProperties.class)
	static class VerifyConfiguration {

		@Bean
		AuditTrail auditTrail(JdbcTemplate jdbc, DataSource dataSource) {
			return new AuditTrail(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
		}

		@Bean
		AuditVerifier auditVerifier(AuditTrail trail, AuditProperties properties) {
			// the key must exist: verifying never creates one
			return new AuditVerifier(trail, CheckpointKey.load(properties.checkpointKeyFile()),
					new CheckpointExport(properties.checkpointExportFile()));
		}

	}

}
