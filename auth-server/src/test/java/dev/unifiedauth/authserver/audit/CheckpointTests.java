package dev.unifiedauth.authserver.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import dev.unifiedauth.authserver.storage.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link Checkpoint} with its {@link CheckpointKey} and {@link CheckpointExport}: the signature covers every
 * value, the key file is created once and kept private, the exported line round-trips.
 */
class CheckpointTests {

	@TempDir
	Path directory;

	@Test
	void signWhenVerifiedWithTheSameKeyThenValidAndAnyChangedValueIsNot() {
		CheckpointKey key = CheckpointKey.loadOrCreate(this.directory.resolve("k"));
		Checkpoint checkpoint = Checkpoint.sign(100, Sha256.hex("a"), Instant.parse("2026-03-01T09:00:00.1234567Z"), key);

		assertThat(checkpoint.time()).isEqualTo(Instant.parse("2026-03-01T09:00:00.123456Z"));
		assertThat(checkpoint.signedBy(key)).isTrue();
		assertThat(new Checkpoint(101, checkpoint.hash(), checkpoint.time(), checkpoint.keyId(), checkpoint.signature())
			.signedBy(key)).isFalse();
		assertThat(new Checkpoint(100, Sha256.hex("b"), checkpoint.time(), checkpoint.keyId(), checkpoint.signature())
			.signedBy(key)).isFalse();
		assertThat(new Checkpoint(100, checkpoint.hash(), checkpoint.time().plusSeconds(1), checkpoint.keyId(),
				checkpoint.signature()).signedBy(key)).isFalse();
		assertThat(checkpoint.signedBy(CheckpointKey.loadOrCreate(this.directory.resolve("other")))).isFalse();
	}

	@Test
	void loadOrCreateWhenTheFileExistsThenTheSameKeyIsLoadedAndTheFileIsOwnerOnly() throws IOException {
		Path file = this.directory.resolve("data/audit-checkpoint.key");
		CheckpointKey created = CheckpointKey.loadOrCreate(file);
		Checkpoint checkpoint = Checkpoint.sign(1, Sha256.hex("a"), Instant.EPOCH, created);

		CheckpointKey loaded = CheckpointKey.loadOrCreate(file);

		assertThat(loaded.keyId()).isEqualTo(created.keyId());
		assertThat(checkpoint.signedBy(loaded)).isTrue();
		assertThat(Files.readString(file)).contains("-----BEGIN PRIVATE KEY-----").contains("-----BEGIN PUBLIC KEY-----");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
	}

	@Test
	void loadWhenOnlyThePublicKeyIsThereThenItVerifiesButCannotSign() throws IOException {
		Path file = this.directory.resolve("k");
		CheckpointKey full = CheckpointKey.loadOrCreate(file);
		Checkpoint checkpoint = Checkpoint.sign(1, Sha256.hex("a"), Instant.EPOCH, full);
		String pem = Files.readString(file);
		Path publicOnly = this.directory.resolve("k.pub");
		Files.writeString(publicOnly, pem.substring(pem.indexOf("-----BEGIN PUBLIC KEY-----")));

		CheckpointKey verifier = CheckpointKey.load(publicOnly);

		assertThat(checkpoint.signedBy(verifier)).isTrue();
		assertThatIllegalStateException().isThrownBy(() -> Checkpoint.sign(2, Sha256.hex("b"), Instant.EPOCH, verifier));
	}

	@Test
	void loadWhenTheFileIsMissingThenRefusedNamingIt() {
		assertThatIllegalStateException().isThrownBy(() -> CheckpointKey.load(this.directory.resolve("missing.key")))
			.withMessageContaining("missing.key");
	}

	@Test
	void toJsonLineWhenParsedThenTheSameCheckpoint() {
		Checkpoint checkpoint = Checkpoint.sign(7, Sha256.hex("a"), Instant.parse("2026-03-01T09:00:00Z"),
				CheckpointKey.loadOrCreate(this.directory.resolve("k")));

		assertThat(Checkpoint.parse(checkpoint.toJsonLine())).isEqualTo(checkpoint);
		assertThat(checkpoint.toJsonLine()).startsWith("{\"hash\":").doesNotContain("\n");
		assertThatIllegalArgumentException().isThrownBy(() -> Checkpoint.parse("{\"seq\":\"7\"}"));
	}

	@Test
	void appendWhenTheFileEndsInATornLineThenTheNewCheckpointStartsOnALineOfItsOwn() throws IOException {
		CheckpointKey key = CheckpointKey.loadOrCreate(this.directory.resolve("k"));
		CheckpointExport export = new CheckpointExport(this.directory.resolve("out/checkpoints.jsonl"));
		export.append(Checkpoint.sign(1, Sha256.hex("a"), Instant.EPOCH, key));
		Files.writeString(export.file(), "{\"seq\":2,\"ha", StandardOpenOption.APPEND);

		export.append(Checkpoint.sign(3, Sha256.hex("c"), Instant.EPOCH, key));

		CheckpointExport.Contents contents = export.read();
		assertThat(contents.checkpoints()).extracting(Checkpoint::seq).containsExactly(1L, 3L);
		assertThat(contents.unreadableLines()).isEqualTo(1);
		assertThat(new CheckpointExport(this.directory.resolve("none")).read().exists()).isFalse();
	}

}
