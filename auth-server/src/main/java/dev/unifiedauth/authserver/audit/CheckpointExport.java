package dev.unifiedauth.authserver.audit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The file outside the database that every checkpoint is appended to, one JSON line each (the "exported"
 * checkpoints). Whoever rewrites the database cannot take a checkpoint back out of it, so a trail cut short after
 * a checkpoint is detected against this file even when the checkpoint table was cut too (security case F04).
 * Writes are appended and forced to disk; a line torn by a crash is skipped by the reader and reported.
 * Thread-safe within a process; nodes should each have their own file (or ship it to one place).
 */
final class CheckpointExport {

	private final Path file;

	CheckpointExport(Path file) {
		this.file = file;
	}

	Path file() {
		return this.file;
	}

	/** Appends {@code checkpoint} as one line, on a line of its own even after a torn write. */
	synchronized void append(Checkpoint checkpoint) {
		try {
			Path parent = this.file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			try (FileChannel channel = FileChannel.open(this.file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.APPEND)) {
				String line = (endsMidLine() ? "\n" : "") + checkpoint.toJsonLine() + "\n";
				ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
				while (bytes.hasRemaining()) {
					channel.write(bytes);
				}
				channel.force(true);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot append to the audit checkpoint file " + this.file, ex);
		}
	}

	/** What the file holds; no file is no checkpoints. */
	Contents read() {
		List<String> lines;
		try {
			lines = Files.readAllLines(this.file, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			return new Contents(false, List.of(), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the audit checkpoint file " + this.file, ex);
		}
		List<Checkpoint> checkpoints = new ArrayList<>();
		int unreadable = 0;
		for (String line : lines) {
			if (line.isBlank()) {
				continue;
			}
			try {
				checkpoints.add(Checkpoint.parse(line));
			}
			catch (IllegalArgumentException ex) {
				unreadable++;
			}
		}
		return new Contents(true, checkpoints, unreadable);
	}

	private boolean endsMidLine() throws IOException {
		if (!Files.exists(this.file) || Files.size(this.file) == 0) {
			return false;
		}
		try (RandomAccessFile raf = new RandomAccessFile(this.file.toFile(), "r")) {
			raf.seek(raf.length() - 1);
			return raf.read() != '\n';
		}
	}

	/**
	 * The exported checkpoints.
	 *
	 * @param exists whether the file exists
	 * @param checkpoints the checkpoints in file order
	 * @param unreadableLines lines that are not checkpoints (a torn write, or an edit)
	 */
	record Contents(boolean exists, List<Checkpoint> checkpoints, int unreadableLines) {
	}

}
