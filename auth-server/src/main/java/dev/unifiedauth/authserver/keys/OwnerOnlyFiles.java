package dev.unifiedauth.authserver.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Makes a key file readable and writable by its owner only: POSIX mode {@code 0600}, or on a file system without
 * POSIX permissions the closest that {@link java.io.File} can set. For the files that hold secrets outside the
 * database (the key-encryption key, the audit checkpoint key).
 */
public final class OwnerOnlyFiles {

	private OwnerOnlyFiles() {
	}

	public static void restrict(Path file) throws IOException {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system (e.g. Windows): owner-only read and write through java.io.File
			file.toFile().setReadable(false, false);
			file.toFile().setReadable(true, true);
			file.toFile().setWritable(false, false);
			file.toFile().setWritable(true, true);
		}
	}

}
