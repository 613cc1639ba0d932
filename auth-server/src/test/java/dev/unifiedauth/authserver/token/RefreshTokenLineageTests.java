package dev.unifiedauth.authserver.token;

import java.time.Duration;
import java.time.Instant;

import dev.unifiedauth.authserver.storage.Sha256;
import dev.unifiedauth.core.testing.MutableClock;
import dev.unifiedauth.authserver.testing.OnEveryDatabase;
import dev.unifiedauth.authserver.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link RefreshTokenLineage} on each supported database.
 */
@OnEveryDatabase
class RefreshTokenLineageTests {

	private static final String TOKEN = "rt-Zk3q9w8VvFJmR2pXc1sT4bYuN6aLhG0eKd5yQiW7oP";

	private final TestDatabase database;

	private final MutableClock clock = new MutableClock();

	private RefreshTokenLineage lineage;

	RefreshTokenLineageTests(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void freshlyMigratedDatabase() {
		this.database.reset();
		this.lineage = new RefreshTokenLineage(this.database.jdbc(), this.clock);
	}

	@Test
	void grantOfRotatedWhenTokenWasRotatedThenNamesItsGrant() {
		this.lineage.recordRotated(TOKEN, "authz-1", null, null);

		assertThat(this.lineage.grantOfRotated(TOKEN)).hasValue("authz-1");
		assertThat(this.lineage.grantOfRotated(TOKEN + "x")).isEmpty();
	}

	@Test
	void recordRotatedWhenStoredThenOnlyTheHashIsKept() {
		this.lineage.recordRotated(TOKEN, "authz-1", null, null);

		String stored = this.database.jdbc().queryForObject("SELECT token_hash FROM refresh_token_lineage", String.class);
		assertThat(stored).isEqualTo(Sha256.hex(TOKEN)).doesNotContain(TOKEN);
	}

	@Test
	void recordRotatedWhenSameTokenRotatedTwiceThenRefused() {
		this.lineage.recordRotated(TOKEN, "authz-1", null, null);

		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.lineage.recordRotated(TOKEN, "authz-2", null, null));
		assertThat(this.lineage.grantOfRotated(TOKEN)).hasValue("authz-1");
	}

	@Test
	void liveSupersededAccessTokensWhenRefreshesReplacedAccessTokensThenTheUnexpiredOnesOfThatGrant() {
		Instant now = this.clock.instant();
		this.lineage.recordRotated("rt-1", "authz-1", "at-expired", now.minusSeconds(1));
		this.lineage.recordRotated("rt-2", "authz-1", "at-live", now.plusSeconds(600));
		this.lineage.recordRotated("rt-3", "authz-2", "at-other-grant", now.plusSeconds(600));
		this.lineage.recordRotated("rt-4", "authz-1", null, null);

		assertThat(this.lineage.liveSupersededAccessTokens("authz-1", now)).extracting(
				RefreshTokenLineage.SupersededAccessToken::jti).containsExactly("at-live");
	}

	@Test
	void forgetOlderThanWhenSomeRotationsAreOldThenOnlyThoseAreForgotten() {
		this.lineage.recordRotated("rt-old", "authz-1", null, null);
		this.clock.advance(Duration.ofHours(2));
		this.lineage.recordRotated("rt-recent", "authz-1", null, null);
		this.clock.advance(Duration.ofHours(7));

		int forgotten = this.lineage.forgetOlderThan(Duration.ofHours(8));

		assertThat(forgotten).isOne();
		assertThat(this.lineage.grantOfRotated("rt-old")).isEmpty();
		assertThat(this.lineage.grantOfRotated("rt-recent")).hasValue("authz-1");
	}

	@Test
	void forgetOlderThanWhenRotatedExactlyThatLongAgoThenKept() {
		this.lineage.recordRotated(TOKEN, "authz-1", null, null);
		this.clock.advance(Duration.ofHours(8));

		assertThat(this.lineage.forgetOlderThan(Duration.ofHours(8))).isZero();
		assertThat(this.lineage.grantOfRotated(TOKEN)).hasValue("authz-1");
	}

}
