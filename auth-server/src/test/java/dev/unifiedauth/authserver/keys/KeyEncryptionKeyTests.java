package dev.unifiedauth.authserver.keys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class KeyEncryptionKeyTests {

	@TempDir
	Path directory;

	@Test
	void openWhenSealedWithSameKeyAndKidThenPlaintext() {
		KeyEncryptionKey kek = KeyEncryptionKey.load(randomKey(), null);
		String sealed = kek.seal("{\"d\":\"private\"}", "kid-1");
		assertThat(sealed).startsWith("v1.").doesNotContain("private");
		assertThat(kek.open(sealed, "kid-1")).isEqualTo("{\"d\":\"private\"}");
	}

	@Test
	void openWhenKidDiffersThenRefused() {
		KeyEncryptionKey kek = KeyEncryptionKey.load(randomKey(), null);
		String sealed = kek.seal("secret", "kid-1");
		assertThatIllegalStateException().isThrownBy(() -> kek.open(sealed, "kid-2"));
	}

	@Test
	void openWhenAnotherKeyEncryptionKeyThenRefusedWithExplanation() {
		String sealed = KeyEncryptionKey.load(randomKey(), null).seal("secret", "kid-1");
		assertThatIllegalStateException()
			.isThrownBy(() -> KeyEncryptionKey.load(randomKey(), null).open(sealed, "kid-1"))
			.withMessageContaining("key-encryption key differs");
	}

	@Test
	void loadWhenNoKeyConfiguredThenCreatesOwnerOnlyFileAndReusesIt() throws Exception {
		Path file = this.directory.resolve("nested/kek");
		String sealed = KeyEncryptionKey.load(null, file).seal("secret", "kid");
		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(KeyEncryptionKey.load("  ", file).open(sealed, "kid")).isEqualTo("secret");
	}

	@Test
	void loadWhenKeyIsNot32BytesThenRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> KeyEncryptionKey.load(Base64.getEncoder().encodeToString(new byte[16]), null));
	}

	static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
