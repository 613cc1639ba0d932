package dev.unifiedauth.authserver.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.unifiedauth.authserver.AuthServerApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole authorization server started as {@code main} would start it (demo profile), on a given loopback port
 * whose URL is the issuer, with the given settings passed as command-line arguments, so that they win over
 * {@code application.yml} exactly as an operator's would. Closing it stops the server; starting another on the
 * same port and settings is a restart.
 */
public final class StandaloneServer implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final String baseUrl;

	private StandaloneServer(ConfigurableApplicationContext context, String baseUrl) {
		this.context = context;
		this.baseUrl = baseUrl;
	}

	public static StandaloneServer start(int port, Map<String, String> settings) {
		Map<String, String> all = new LinkedHashMap<>();
		all.put("server.port", String.valueOf(port));
		all.put("server.address", "127.0.0.1");
		all.put("unified-auth.issuer", "http://localhost:" + port);
		all.putAll(settings);
		List<String> arguments = new ArrayList<>();
		all.forEach((name, value) -> arguments.add("--" + name + "=" + value));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(AuthServerApplication.class)
			.profiles("demo")
			.run(arguments.toArray(String[]::new));
		return new StandaloneServer(context, "http://localhost:" + port);
	}

	public String baseUrl() {
		return this.baseUrl;
	}

	/** The server's own database access, for checking what it stored. */
	public JdbcTemplate jdbc() {
		return this.context.getBean(JdbcTemplate.class);
	}

	public int count(String table) {
		return jdbc().queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
