package dev.unifiedauth.resourceserver.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AuditSpoolTests {

	@TempDir
	Path directory;

	@Test
	void pendingWhenEventsWereAppendedThenTheyComeBackInOrderUpToTheLimit() throws IOException {
		try (AuditSpool spool = new AuditSpool(this.directory, 1 << 20)) {
			spool.append("{\"n\":1}");
			spool.append("{\"n\":2}");
			spool.append("{\"n\":3}");

			AuditSpool.Batch first = spool.pending(2);
			spool.delivered(first);
			AuditSpool.Batch rest = spool.pending(10);

			assertThat(first.lines()).containsExactly("{\"n\":1}", "{\"n\":2}");
			assertThat(rest.lines()).containsExactly("{\"n\":3}");
		}
	}

	@Test
	void pendingWhenTheProcessRestartsBeforeDeliveryThenTheUndeliveredEventsAreStillThere() throws IOException {
		try (AuditSpool spool = new AuditSpool(this.directory, 1 << 20)) {
			spool.append("{\"n\":1}");
			spool.append("{\"n\":2}");
			spool.delivered(spool.pending(1));
		}

		try (AuditSpool reopened = new AuditSpool(this.directory, 1 << 20)) {
			assertThat(reopened.pending(10).lines()).containsExactly("{\"n\":2}");
		}
	}

	@Test
	void deliveredWhenEverythingWasDeliveredThenTheFileIsEmptied() throws IOException {
		try (AuditSpool spool = new AuditSpool(this.directory, 1 << 20)) {
			spool.append("{\"n\":1}");
			spool.delivered(spool.pending(10));

			assertThat(spool.backlog()).isZero();
			assertThat(this.directory.resolve("spool.jsonl")).isEmptyFile();
			spool.append("{\"n\":2}");
			assertThat(spool.pending(10).lines()).containsExactly("{\"n\":2}");
		}
	}

	@Test
	void appendWhenTheSpoolIsFullThenItFailsAndKeepsWhatItHas() throws IOException {
		try (AuditSpool spool = new AuditSpool(this.directory, 20)) {
			spool.append("{\"n\":1}");
			spool.append("{\"n\":2}");

			assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> spool.append("{\"n\":3}"));

			assertThat(spool.pending(10).lines()).hasSize(2);
		}
	}

	@Test
	void appendWhenTheEventSpansLinesThenRefused() throws IOException {
		try (AuditSpool spool = new AuditSpool(this.directory, 1 << 20)) {
			assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> spool.append("{\n}"));
		}
	}

}
