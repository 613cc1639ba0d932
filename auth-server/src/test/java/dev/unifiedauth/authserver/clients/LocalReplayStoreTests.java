package dev.unifiedauth.authserver.clients;

import java.time.Duration;
import java.time.Instant;

import dev.unifiedauth.core.testing.MutableClock;
import dev.unifiedauth.core.replay.ReplayStoreUnavailableException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LocalReplayStoreTests {

	private final MutableClock clock = new MutableClock();

	private final LocalReplayStore store = new LocalReplayStore(this.clock, 3);

	private Instant in(int seconds) {
		return this.clock.instant().plusSeconds(seconds);
	}

	@Test
	void firstUseWhenSeenBeforeThenFalseUntilItExpires() {
		assertThat(this.store.firstUse("client-assertion", "a", in(60))).isTrue();
		assertThat(this.store.firstUse("client-assertion", "a", in(60))).isFalse();
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(this.store.firstUse("client-assertion", "a", in(60))).isFalse();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.store.firstUse("client-assertion", "a", in(60))).isTrue();
	}

	@Test
	void firstUseWhenSameIdInAnotherNamespaceThenTrue() {
		assertThat(this.store.firstUse("client-assertion", "a", in(60))).isTrue();
		assertThat(this.store.firstUse("dpop", "a", in(60))).isTrue();
	}

	@Test
	void firstUseWhenFullOfLiveIdsThenRefusesAndForgetsNone() {
		for (String id : new String[] { "a", "b", "c" }) {
			this.store.firstUse("ns", id, in(60));
		}

		assertThatExceptionOfType(ReplayStoreUnavailableException.class)
			.isThrownBy(() -> this.store.firstUse("ns", "d", in(60)));
		for (String id : new String[] { "a", "b", "c" }) {
			assertThat(this.store.firstUse("ns", id, in(60))).as(id).isFalse();
		}
	}

	@Test
	void firstUseWhenFullButSomeExpiredThenRoomIsMade() {
		this.store.firstUse("ns", "short", in(10));
		this.store.firstUse("ns", "b", in(60));
		this.store.firstUse("ns", "c", in(60));
		this.clock.advance(Duration.ofSeconds(10));

		assertThat(this.store.firstUse("ns", "d", in(60))).isTrue();
		assertThat(this.store.size()).isEqualTo(3);
		assertThat(this.store.firstUse("ns", "b", in(60))).isFalse();
	}

	@Test
	void firstUseWhenAlreadyExpiredThenAcceptedWithoutBeingStored() {
		assertThat(this.store.firstUse("ns", "old", in(0))).isTrue();
		assertThat(this.store.size()).isZero();
	}

}
