package dev.unifiedauth.resourceserver.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Fresh temporary directories for servers started by tests (the audit spool), so that tests never write under the
 * working directory.
 */
public final class TemporaryDirectories {

	private TemporaryDirectories() {
	}

	public static String create(String prefix) {
		try {
			return Files.createTempDirectory(prefix).toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
