package dev.unifiedauth.authserver.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gives each test application context a free port, an issuer equal to its URL, a fresh in-memory database, a
 * fresh key-encryption key and a fresh directory for the audit checkpoints.
 */
public final class TestServerInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		int port = freePort();
		byte[] kek = new byte[32];
		new SecureRandom().nextBytes(kek);
		Path audit = auditDirectory();
		TestPropertyValues
			.of("server.port=" + port, "server.address=127.0.0.1", "unified-auth.issuer=http://localhost:" + port,
					"spring.datasource.url=jdbc:h2:mem:ua-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
					"unified-auth.keys.encryption-key=" + Base64.getEncoder().encodeToString(kek),
					"unified-auth.audit.checkpoint-key-file=" + audit.resolve("audit-checkpoint.key"),
					"unified-auth.audit.checkpoint-export-file=" + audit.resolve("audit-checkpoints.jsonl"))
			.applyTo(context);
	}

	/** A fresh directory for the audit checkpoint key and exported checkpoints, gone when the JVM exits. */
	private static Path auditDirectory() {
		try {
			Path directory = Files.createTempDirectory("ua-audit-");
			directory.toFile().deleteOnExit();
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
