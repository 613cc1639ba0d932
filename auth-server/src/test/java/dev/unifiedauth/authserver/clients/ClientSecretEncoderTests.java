package dev.unifiedauth.authserver.clients;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class ClientSecretEncoderTests {

	private final ClientSecretEncoder encoder = new ClientSecretEncoder();

	@Test
	void encodeWhenSameSecretTwiceThenDifferentSaltedHashes() {
		String first = this.encoder.encode("s3cr3t-value");
		String second = this.encoder.encode("s3cr3t-value");
		assertThat(first).startsWith("{sha256}").isNotEqualTo(second).doesNotContain("s3cr3t-value");
	}

	@Test
	void matchesWhenRightSecretThenTrueWrongThenFalse() {
		String hash = this.encoder.encode("s3cr3t-value");
		assertThat(this.encoder.matches("s3cr3t-value", hash)).isTrue();
		assertThat(this.encoder.matches("s3cr3t-valuE", hash)).isFalse();
		assertThat(this.encoder.matches("", hash)).isFalse();
	}

	@Test
	void matchesWhenHashMalformedOrNullThenFalse() {
		assertThat(this.encoder.matches("x", "{sha256}no-dollar")).isFalse();
		assertThat(this.encoder.matches("x", "{sha256}!!$!!")).isFalse();
		assertThat(this.encoder.matches("x", null)).isFalse();
		assertThat(this.encoder.matches(null, this.encoder.encode("x"))).isFalse();
		assertThat(this.encoder.matches("x", "plain-text-secret")).isFalse();
	}

	@Test
	void matchesWhenSecretWasHashedWithBcryptThenStillAccepted() {
		String bcrypt = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("chosen-by-a-human");
		assertThat(this.encoder.matches("chosen-by-a-human", bcrypt)).isTrue();
		assertThat(this.encoder.matches("something-else", bcrypt)).isFalse();
	}

}
