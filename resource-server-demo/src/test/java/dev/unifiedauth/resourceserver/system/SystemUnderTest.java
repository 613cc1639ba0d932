package dev.unifiedauth.resourceserver.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Both servers, started once per test JVM from their packaged jars on free loopback ports: the authorization
 * server with the demo data on a fresh H2 file database, the resource server trusting it. The same settings a
 * user would pass to move the servers off their default ports.
 */
final class SystemUnderTest {

	private static SystemUnderTest running;

	private final String authServerUrl;

	private final String resourceServerUrl;

	private final ServerProcess authServer;

	private final ServerProcess resourceServer;

	private SystemUnderTest(String authServerUrl, String resourceServerUrl, ServerProcess authServer,
			ServerProcess resourceServer) {
		this.authServerUrl = authServerUrl;
		this.resourceServerUrl = resourceServerUrl;
		this.authServer = authServer;
		this.resourceServer = resourceServer;
	}

	static synchronized SystemUnderTest get() {
		if (running == null) {
			running = start();
			Runtime.getRuntime().addShutdownHook(new Thread(running::stop));
		}
		return running;
	}

	String authServerUrl() {
		return this.authServerUrl;
	}

	String resourceServerUrl() {
		return this.resourceServerUrl;
	}

	/** Where the servers' logs go. */
	static Path logDirectory() {
		return Path.of(System.getProperty("ua.system-test.logs", "target/system-test-logs"));
	}

	private static SystemUnderTest start() {
		int asPort = freePort();
		int rsPort = freePort();
		String as = "http://localhost:" + asPort;
		String rs = "http://localhost:" + rsPort;
		Path logs = logDirectory();
		Path home;
		try {
			home = Files.createTempDirectory("ua-system-test");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ServerProcess authServer = ServerProcess.start("auth-server", jar("ua.auth-server.jar"), home, logs,
				List.of("--server.port=" + asPort, "--spring.profiles.active=demo", "--unified-auth.issuer=" + as,
						"--unified-auth.resource-servers[0].identifier=" + rs,
						"--unified-auth.resource-servers[0].resources=documents,users,payments,audit",
						"--unified-auth.audit.checkpoint-every=10"));
		ServerProcess resourceServer = ServerProcess.start("resource-server", jar("ua.resource-server.jar"), home, logs,
				List.of("--server.port=" + rsPort, "--resource-server.identifier=" + rs,
						"--resource-server.issuer=" + as, "--resource-server.cors-allowed-origins=" + as));
		authServer.awaitReady(as + "/.well-known/oauth-authorization-server", Duration.ofSeconds(90));
		resourceServer.awaitReady(rs + "/.well-known/oauth-protected-resource", Duration.ofSeconds(90));
		return new SystemUnderTest(as, rs, authServer, resourceServer);
	}

	private void stop() {
		this.resourceServer.stop();
		this.authServer.stop();
	}

	static Path jar(String property) {
		String path = System.getProperty(property);
		if (path == null) {
			throw new IllegalStateException("System property " + property + " is not set: run system tests through"
					+ " Maven (./mvnw verify), which passes the paths of the packaged jars");
		}
		return Path.of(path);
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
