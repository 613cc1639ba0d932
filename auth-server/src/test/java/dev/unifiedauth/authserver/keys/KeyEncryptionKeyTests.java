package dev.unifiedauth.authserver.keys;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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

	@Test
	void deriveKeyWhenSameKeyAndPurposeThenSameSecretOnEveryNode() {
		String base64 = randomKey();

		assertThat(KeyEncryptionKey.load(base64, null).deriveKey("dpop-nonce"))
			.hasSize(32)
			.isEqualTo(KeyEncryptionKey.load(base64, null).deriveKey("dpop-nonce"));
	}

	@Test
	void deriveKeyWhenPurposeOrKeyDiffersThenIndependentSecret() {
		KeyEncryptionKey kek = KeyEncryptionKey.load(randomKey(), null);
		byte[] nonceKey = kek.deriveKey("dpop-nonce");

		assertThat(kek.deriveKey("another-purpose")).isNotEqualTo(nonceKey);
		assertThat(KeyEncryptionKey.load(randomKey(), null).deriveKey("dpop-nonce")).isNotEqualTo(nonceKey);
	}

	@Test
	void deriveKeyWhenKnownKeyThenHmacSha256OfThePurposeLabel() throws Exception {
		byte[] raw = new byte[32];
		Arrays.fill(raw, (byte) 7);
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(raw, "HmacSHA256"));

		assertThat(KeyEncryptionKey.load(Base64.getEncoder().encodeToString(raw), null).deriveKey("dpop-nonce"))
			.isEqualTo(mac.doFinal("unified-auth/dpop-nonce".getBytes(StandardCharsets.UTF_8)));
	}

	static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
