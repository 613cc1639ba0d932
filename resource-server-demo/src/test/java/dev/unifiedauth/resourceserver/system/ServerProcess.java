package dev.unifiedauth.resourceserver.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One server started as a user starts it: {@code java -jar <packaged jar> --setting=value ...}, output to a log
 * file, ready once a URL answers 200.
 */
final class ServerProcess {

	private final String name;

	private final Process process;

	private final Path log;

	private ServerProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	static ServerProcess start(String name, Path jar, Path workingDirectory, Path logDirectory, List<String> arguments) {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " does not exist: system tests run after `./mvnw verify` packaged both"
					+ " servers (run them with ./mvnw verify, not ./mvnw test)");
		}
		try {
			Files.createDirectories(logDirectory);
			Files.createDirectories(workingDirectory);
			Path log = logDirectory.resolve(name + "-" + System.currentTimeMillis() + ".log");
			List<String> command = new ArrayList<>();
			command.add(ProcessHandle.current().info().command().orElse("java"));
			command.add("-Xmx384m");
			command.add("-XX:TieredStopAtLevel=1");
			command.add("-jar");
			command.add(jar.toAbsolutePath().toString());
			command.addAll(arguments);
			Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			return new ServerProcess(name, process, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + name, ex);
		}
	}

	/** Waits until {@code url} answers 200, failing with the server's log when it does not within the timeout. */
	ServerProcess awaitReady(String url, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited with " + this.process.exitValue() + ":\n" + tail());
			}
			try {
				HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
				connection.setConnectTimeout(500);
				connection.setReadTimeout(2000);
				if (connection.getResponseCode() == 200) {
					return this;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			sleep(200);
		}
		throw new IllegalStateException(this.name + " did not become ready within " + timeout + ":\n" + tail());
	}

	void stop() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(15, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	/** Kills the process without letting it shut down (kill -9). */
	void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	String tail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
