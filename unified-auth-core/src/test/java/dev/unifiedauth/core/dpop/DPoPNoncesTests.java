package dev.unifiedauth.core.dpop;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import dev.unifiedauth.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Stateless server nonces (RFC 9449 §8): valid for their lifetime on every node sharing the secret, never from
 * the future, never forgeable.
 */
final class DPoPNoncesTests {

	private static final byte[] SECRET = "a-32-byte-secret-for-nonce-tests".getBytes(StandardCharsets.US_ASCII);

	private final MutableClock clock = new MutableClock();

	private final DPoPNonces nonces = new DPoPNonces(SECRET, Duration.ofMinutes(5), this.clock);

	@Test
	void isValidWhenIssuedHereWithinItsLifetimeThenTrue() {
		String nonce = this.nonces.issue();
		this.clock.advance(Duration.ofMinutes(5));

		assertThat(nonce).matches("[A-Za-z0-9_-]{32}");
		assertThat(this.nonces.isValid(nonce)).isTrue();
	}

	@Test
	void isValidWhenOlderThanItsLifetimeThenFalse() {
		String nonce = this.nonces.issue();
		this.clock.advance(Duration.ofMinutes(5).plusSeconds(1));

		assertThat(this.nonces.isValid(nonce)).isFalse();
	}

	@Test
	void isValidWhenIssuedByAnotherNodeWithTheSameSecretThenTrue() {
		DPoPNonces otherNode = new DPoPNonces(SECRET.clone(), Duration.ofMinutes(5), this.clock);

		assertThat(this.nonces.isValid(otherNode.issue())).isTrue();
	}

	@Test
	void isValidWhenIssuedWithAnotherSecretThenFalse() {
		DPoPNonces otherServer = new DPoPNonces(new byte[32], Duration.ofMinutes(5), this.clock);

		assertThat(this.nonces.isValid(otherServer.issue())).isFalse();
	}

	@Test
	void isValidWhenFromTheFutureThenFalse() {
		MutableClock ahead = new MutableClock(MutableClock.START.plusSeconds(2));
		String nonce = new DPoPNonces(SECRET, Duration.ofMinutes(5), ahead).issue();

		assertThat(this.nonces.isValid(nonce)).isFalse();
	}

	@Test
	void isValidWhenTimeEditedThenFalse() {
		byte[] nonce = Base64.getUrlDecoder().decode(this.nonces.issue());
		nonce[7]--; // one second earlier, same MAC
		this.clock.advance(Duration.ofMinutes(1));

		assertThat(this.nonces.isValid(Base64.getUrlEncoder().withoutPadding().encodeToString(nonce))).isFalse();
	}

	@Test
	void isValidWhenMalformedThenFalse() {
		assertThat(this.nonces.isValid(null)).isFalse();
		assertThat(this.nonces.isValid("")).isFalse();
		assertThat(this.nonces.isValid("short")).isFalse();
		assertThat(this.nonces.isValid("++++++++++++++++++++++++++++++++")).isFalse();
		assertThat(this.nonces.isValid(this.nonces.issue() + "A")).isFalse();
	}

	@Test
	void constructorWhenSecretShortOrLifetimeNotPositiveThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DPoPNonces(new byte[31], Duration.ofMinutes(5), this.clock));
		assertThatIllegalArgumentException().isThrownBy(() -> new DPoPNonces(SECRET, Duration.ZERO, this.clock));
	}

}
