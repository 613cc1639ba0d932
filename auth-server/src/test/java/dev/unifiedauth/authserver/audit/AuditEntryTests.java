package dev.unifiedauth.authserver.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import dev.unifiedauth.authserver.storage.Sha256;
import dev.unifiedauth.core.audit.AuditEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link AuditEntry}: the entry format and {@code hash = SHA-256(prev_hash ‖ JCS(entry))} (security cases F),
 * worked out by hand for one entry.
 */
class AuditEntryTests {

	private static final String EVENT_ID = "0b6c3f1e-7d7a-4b8e-9a55-2b1f4d3c2e10";

	@Test
	void canonicalJsonWhenAnEntryThenMembersSortedNullsLeftOutAndTimeInMicroseconds() {
		AuditEvent event = AuditEvent.of("token.exchange", Instant.parse("2026-03-01T09:00:00.123456789Z"))
			.decision("granted", "granted")
			.source("auth-server")
			.client("scheduling-agent-001")
			.chain(List.of("usr-alice-001", "scheduling-agent-001"))
			.task("task-abc")
			.jti("jti-1")
			.detail("scope", "documents:read")
			.build();

		AuditEntry entry = AuditEntry.next(7, EVENT_ID, event, AuditEntry.GENESIS);

		assertThat(AuditEntry.canonicalJson(entry.seq(), entry.eventId(), entry.event(), entry.prevHash()))
			.isEqualTo("{\"chain\":[\"usr-alice-001\",\"scheduling-agent-001\"],\"client_id\":\"scheduling-agent-001\","
					+ "\"decision\":\"granted\",\"details\":{\"scope\":\"documents:read\"},\"event_id\":\"" + EVENT_ID
					+ "\",\"jti\":\"jti-1\",\"prev_hash\":\"" + AuditEntry.GENESIS + "\",\"reason\":\"granted\","
					+ "\"seq\":7,\"source\":\"auth-server\",\"task_id\":\"task-abc\","
					+ "\"time\":\"2026-03-01T09:00:00.123456Z\",\"type\":\"token.exchange\"}");
	}

	@Test
	void nextWhenHashedThenItIsSha256OfThePrevHashBytesFollowedByTheCanonicalJson() {
		AuditEvent event = AuditEvent.of("login", Instant.parse("2026-03-01T09:00:00Z")).decision("success", null)
			.source("auth-server").chain(List.of("usr-alice-001")).build();
		String prevHash = Sha256.hex("previous entry");

		AuditEntry entry = AuditEntry.next(2, EVENT_ID, event, prevHash);

		byte[] prev = HexFormat.of().parseHex(prevHash);
		byte[] json = AuditEntry.canonicalJson(2, EVENT_ID, entry.event(), prevHash).getBytes(StandardCharsets.UTF_8);
		byte[] input = new byte[prev.length + json.length];
		System.arraycopy(prev, 0, input, 0, prev.length);
		System.arraycopy(json, 0, input, prev.length, json.length);
		assertThat(entry.hash()).isEqualTo(HexFormat.of().formatHex(Sha256.digest(input)));
		assertThat(entry.chainRoot()).isEqualTo("usr-alice-001");
	}

	@Test
	void nextWhenAnyMemberDiffersThenTheHashDiffers() {
		AuditEvent event = AuditEvents.mixed(1);
		String hash = AuditEntry.next(1, EVENT_ID, event, AuditEntry.GENESIS).hash();

		assertThat(AuditEntry.next(2, EVENT_ID, event, AuditEntry.GENESIS).hash()).isNotEqualTo(hash);
		assertThat(AuditEntry.next(1, EVENT_ID.replace('0', '1'), event, AuditEntry.GENESIS).hash()).isNotEqualTo(hash);
		assertThat(AuditEntry.next(1, EVENT_ID, event, Sha256.hex("x")).hash()).isNotEqualTo(hash);
		assertThat(AuditEntry.next(1, EVENT_ID, AuditEvents.mixed(6), AuditEntry.GENESIS).hash()).isNotEqualTo(hash);
	}

	/** F10 / OAuth 2.1 §7.1.3.1: an entry names a token by jti and never holds one. */
	@Test
	void nextWhenAMemberHoldsAJwtThenRefused() {
		String jwt = "eyJhbGciOiJFUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiJ1c3ItYWxpY2UtMDAxIn0.c2lnbmF0dXJl";
		AuditEvent inDetails = AuditEvent.of("token.issued", Instant.EPOCH).source("auth-server")
			.detail("token", jwt).build();
		AuditEvent asReason = AuditEvent.of("token.issued", Instant.EPOCH).source("auth-server")
			.decision("refused", "bad token " + jwt).build();

		assertThatIllegalArgumentException().isThrownBy(() -> AuditEntry.next(1, EVENT_ID, inDetails, AuditEntry.GENESIS))
			.withMessageContaining("never hold one");
		assertThatIllegalArgumentException().isThrownBy(() -> AuditEntry.next(1, EVENT_ID, asReason, AuditEntry.GENESIS));
	}

	@Test
	void redactTokensWhenAValueHoldsAJwsOrAJweThenEveryPartOfItIsReplaced() {
		String jws = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
		String jwe = "eyJhbGciOiJSU0EtT0FFUCJ9.a2V5.aXY.Y2lwaGVy.dGFn";

		assertThat(AuditEntry.redactTokens("bearer " + jws + " end")).isEqualTo("bearer [token redacted] end");
		assertThat(AuditEntry.redactTokens(jwe)).isEqualTo("[token redacted]");
		assertThat(AuditEntry.redactTokens("usr-alice-001")).isEqualTo("usr-alice-001");
		assertThat(AuditEntry.redactTokens(null)).isNull();
	}

	@Test
	void nextWhenTypeOrSourceMissingOrAMemberTooLongThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> AuditEntry.next(1, EVENT_ID,
				AuditEvent.of("login", Instant.EPOCH).build(), AuditEntry.GENESIS)).withMessageContaining("source");
		assertThatIllegalArgumentException().isThrownBy(() -> AuditEntry.next(1, EVENT_ID,
				AuditEvent.of("login", Instant.EPOCH).source("a").decision("x".repeat(65), null).build(),
				AuditEntry.GENESIS)).withMessageContaining("decision");
	}

}
