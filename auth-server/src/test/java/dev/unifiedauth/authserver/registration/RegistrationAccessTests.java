package dev.unifiedauth.authserver.registration;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RegistrationAccessTests {

	private static final String TOKEN = "initial-access-token-0123456789";

	private static final JwtDecoder REFUSING = (token) -> {
		throw new BadJwtException("not a JWT of this server");
	};

	static RegistrationAccess access(boolean open, List<String> tokens) {
		return new RegistrationAccess(new RegistrationProperties(open, tokens), REFUSING, null, null);
	}

	static void assertUnauthorized(RegistrationAccess access, String authorization, boolean tokenPresented) {
		assertThatExceptionOfType(RegistrationException.class).isThrownBy(() -> access.authorize(authorization))
			.satisfies((ex) -> assertThat(ex.isUnauthorized()).isTrue())
			.satisfies((ex) -> assertThat(ex.error().getErrorCode()).isEqualTo("invalid_token"))
			.satisfies((ex) -> assertThat(ex.tokenPresented()).isEqualTo(tokenPresented));
	}

	@Test
	void authorizeWhenDefaultsThenRegistrationIsClosed() {
		RegistrationAccess closed = access(new RegistrationProperties(false, null).open(), List.of());

		assertUnauthorized(closed, null, false);
		assertUnauthorized(closed, "", false);
		assertUnauthorized(closed, "Bearer " + TOKEN, true);
	}

	@Test
	void authorizeWhenOpenThenAnyoneMayRegister() {
		assertThat(access(true, List.of()).authorize(null)).isEqualTo("open-registration");
	}

	@Test
	void authorizeWhenAConfiguredInitialAccessTokenThenAllowed() {
		RegistrationAccess access = access(false, List.of("another-token-abcdefgh", TOKEN));

		assertThat(access.authorize("Bearer " + TOKEN)).isEqualTo("initial-access-token");
		assertThat(access.authorize("bearer " + TOKEN)).isEqualTo("initial-access-token");
	}

	@Test
	void authorizeWhenTokenDiffersInOneCharacterOrIsAPrefixThenUnauthorized() {
		RegistrationAccess access = access(false, List.of(TOKEN));

		assertUnauthorized(access, "Bearer " + TOKEN.substring(0, TOKEN.length() - 1) + "X", true);
		assertUnauthorized(access, "Bearer " + TOKEN.substring(0, 20), true);
		assertUnauthorized(access, "Bearer " + TOKEN + "0", true);
	}

	@Test
	void authorizeWhenNotABearerHeaderThenUnauthorized() {
		RegistrationAccess access = access(false, List.of(TOKEN));

		assertUnauthorized(access, "Basic " + TOKEN, true);
		assertUnauthorized(access, TOKEN, true);
		assertUnauthorized(access, "Bearer " + TOKEN + " extra", true);
		assertUnauthorized(access, "Bearer " + "a".repeat(9000), true);
	}

	@Test
	void constructWhenAConfiguredTokenIsShortThenStartupFails() {
		assertThatIllegalStateException().isThrownBy(() -> access(false, List.of("short")));
	}

}
