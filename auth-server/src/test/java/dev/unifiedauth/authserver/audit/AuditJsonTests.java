package dev.unifiedauth.authserver.audit;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The strict JSON of audit entries: RFC 8785 hashes I-JSON (RFC 7493), so a member name that appears twice, which
 * two readers could resolve differently, is refused rather than silently resolved.
 */
class AuditJsonTests {

	@Test
	void parseWhenAMemberNameRepeatsThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AuditJson.parse("{\"decision\":\"denied\",\"decision\":\"allowed\"}"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AuditJson.parse("{\"details\":{\"reason\":\"a\",\"reason\":\"b\"}}"));
	}

	@Test
	void stringMapWhenValuesAreStringsThenReadInNameOrder() {
		assertThat(AuditJson.stringMap(AuditJson.parse("{\"b\":\"2\",\"a\":\"1\"}"), "details"))
			.containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
	}

	@Test
	void stringsAndStringMapWhenAValueIsNotAStringThenRefusedNamingTheMember() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AuditJson.strings(AuditJson.parse("[\"usr-alice-001\", 7]"), "chain"))
			.withMessageContaining("chain");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AuditJson.stringMap(AuditJson.parse("{\"n\":1}"), "details"))
			.withMessageContaining("details.n");
	}

}
