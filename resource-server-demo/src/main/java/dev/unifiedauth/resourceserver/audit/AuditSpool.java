package dev.unifiedauth.resourceserver.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only file of audit events (one JSON object per line) waiting to reach the authorization server, and
 * how far they have been delivered ({@code spool.offset}, replaced atomically). Appends are written to the file
 * before the operation they describe goes on, so an event survives the process dying; delivery resumes from the
 * last confirmed offset after a restart (the authorization server skips events it already has). When everything
 * has been delivered the file is emptied. The spool is bounded: once it holds {@code maxBytes} of undelivered
 * events, appends fail and the operations they describe with them. Thread-safe.
 */
public final class AuditSpool implements AutoCloseable {

	private static final String SPOOL = "spool.jsonl";

	private static final String OFFSET = "spool.offset";

	/** The most bytes one batch reads; the authorization server takes deliveries of up to 1 MiB. */
	static final int READ_LIMIT = 512 * 1024;

	private final Path directory;

	private final long maxBytes;

	private final FileChannel file;

	private long delivered;

	/**
	 * @param directory where the spool lives (created if missing)
	 * @param maxBytes the most undelivered bytes it may hold
	 */
	public AuditSpool(Path directory, long maxBytes) {
		this.directory = directory;
		this.maxBytes = maxBytes;
		try {
			Files.createDirectories(directory);
			this.file = FileChannel.open(directory.resolve(SPOOL), StandardOpenOption.CREATE, StandardOpenOption.READ,
					StandardOpenOption.WRITE);
			this.delivered = Math.min(readOffset(), this.file.size());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The audit spool in " + directory + " cannot be opened", ex);
		}
	}

	/**
	 * Appends one event (a JSON object on one line).
	 * @throws UncheckedIOException if it cannot be written or the spool is full: the caller must fail
	 */
	public synchronized void append(String json) {
		if (json.indexOf('\n') >= 0) {
			throw new IllegalArgumentException("An event must be one line of JSON");
		}
		byte[] line = (json + "\n").getBytes(StandardCharsets.UTF_8);
		try {
			long size = this.file.size();
			if (size - this.delivered + line.length > this.maxBytes) {
				throw new IOException("The audit spool holds " + (size - this.delivered)
						+ " undelivered bytes; the authorization server has not taken events for too long");
			}
			ByteBuffer buffer = ByteBuffer.wrap(line);
			long position = size;
			while (buffer.hasRemaining()) {
				position += this.file.write(buffer, position);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex.getMessage(), ex);
		}
	}

	/**
	 * The oldest undelivered events: at most {@code max}, and at most {@value #READ_LIMIT} bytes of them.
	 */
	public synchronized Batch pending(int max) throws IOException {
		int length = (int) Math.min(this.file.size() - this.delivered, READ_LIMIT);
		ByteBuffer buffer = ByteBuffer.allocate(length);
		while (buffer.hasRemaining() && this.file.read(buffer, this.delivered + buffer.position()) > 0) {
			// read on until the buffer is full
		}
		byte[] bytes = buffer.array();
		List<String> lines = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < buffer.position() && lines.size() < max; i++) {
			if (bytes[i] == '\n') {
				lines.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
				start = i + 1;
			}
		}
		return new Batch(lines, this.delivered + start); // an incomplete last line waits for the next read
	}

	/**
	 * Records that the events up to {@code end} were delivered; empties the file once everything was.
	 */
	public synchronized void delivered(Batch batch) throws IOException {
		this.delivered = Math.max(this.delivered, batch.end());
		if (this.delivered >= this.file.size()) {
			this.file.truncate(0);
			this.delivered = 0;
		}
		writeOffset();
	}

	/** Undelivered bytes. */
	public synchronized long backlog() throws IOException {
		return this.file.size() - this.delivered;
	}

	private long readOffset() throws IOException {
		Path offset = this.directory.resolve(OFFSET);
		if (!Files.exists(offset)) {
			return 0;
		}
		try {
			return Long.parseLong(Files.readString(offset, StandardCharsets.US_ASCII).trim());
		}
		catch (NumberFormatException ex) {
			return 0; // redelivering is safe: the authorization server skips events it already has
		}
	}

	private void writeOffset() throws IOException {
		Path temporary = this.directory.resolve(OFFSET + ".tmp");
		Files.writeString(temporary, Long.toString(this.delivered), StandardCharsets.US_ASCII);
		Files.move(temporary, this.directory.resolve(OFFSET), StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
	}

	@Override
	public synchronized void close() throws IOException {
		this.file.close();
	}

	/**
	 * Events read from the spool.
	 *
	 * @param lines the events, one JSON object each
	 * @param end the file position just after the last of them
	 */
	public record Batch(List<String> lines, long end) {

		public Batch {
			lines = List.copyOf(lines);
		}

	}

}
