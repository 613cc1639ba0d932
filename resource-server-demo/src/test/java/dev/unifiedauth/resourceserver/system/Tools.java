package dev.unifiedauth.resourceserver.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs command-line tools the system tests need (bash, curl, openssl, node, npm). A missing tool skips the test
 * with a message, except under {@code CI=true}, where it fails.
 */
final class Tools {

	private Tools() {
	}

	static void require(String... tools) {
		for (String tool : tools) {
			if (!available(tool)) {
				String message = "'" + tool + "' is not installed; this test needs it";
				if ("true".equalsIgnoreCase(System.getenv("CI"))) {
					throw new IllegalStateException("CI=true but " + message);
				}
				Assumptions.abort(message);
			}
		}
	}

	/**
	 * Runs {@code command} in {@code directory} and returns its standard output.
	 * @throws IllegalStateException if it fails or takes longer than {@code timeoutSeconds}
	 */
	static String run(Path directory, int timeoutSeconds, List<String> command) {
		try {
			Path stderr = Files.createTempFile("tool", ".stderr");
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectError(stderr.toFile())
				.start();
			process.getOutputStream().close();
			String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(command + " took longer than " + timeoutSeconds + " s");
			}
			String errors = Files.readString(stderr);
			Files.deleteIfExists(stderr);
			if (process.exitValue() != 0) {
				throw new IllegalStateException(command + " exited with " + process.exitValue() + "\n" + stdout + "\n"
						+ errors);
			}
			return stdout;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static boolean available(String tool) {
		try {
			Process process = new ProcessBuilder("sh", "-c", "command -v " + tool).start();
			return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
