package dev.unifiedauth.authserver.token;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps the token tables bounded: rotated-out refresh tokens are forgotten once no refresh token of their age
 * can still be valid (a token that old is expired, so its reuse is refused anyway).
 */
public final class TokenHousekeeping {

	private static final Log logger = LogFactory.getLog(TokenHousekeeping.class);

	private final RefreshTokenLineage lineage;

	private final Duration refreshTokenTtl;

	public TokenHousekeeping(RefreshTokenLineage lineage, Duration refreshTokenTtl) {
		this.lineage = lineage;
		this.refreshTokenTtl = refreshTokenTtl;
	}

	@Scheduled(fixedDelayString = "${unified-auth.tokens.housekeeping-interval:1h}",
			initialDelayString = "${unified-auth.tokens.housekeeping-interval:1h}")
	void forgetExpiredRotations() {
		int forgotten = this.lineage.forgetOlderThan(this.refreshTokenTtl);
		if (forgotten > 0) {
			logger.info("Forgot " + forgotten + " rotated-out refresh tokens older than " + this.refreshTokenTtl);
		}
	}

}
