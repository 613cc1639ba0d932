package dev.unifiedauth.authserver.audit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link Jcs} against the examples of RFC 8785 that use the values audit entries hold.
 */
class JcsTests {

	/** RFC 8785 §3.2.3: members sorted by UTF-16 code units. */
	@Test
	void canonicalWhenMembersHaveNonAsciiNamesThenSortedByUtf16CodeUnits() {
		Map<String, Object> object = new LinkedHashMap<>();
		object.put("\u20ac", "Euro Sign");
		object.put("\r", "Carriage Return");
		object.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
		object.put("1", "One");
		object.put("\ud83d\ude00", "Emoji: Grinning Face");
		object.put("\u0080", "Control");
		object.put("\u00f6", "Latin Small Letter O With Diaeresis");

		assertThat(Jcs.canonical(object)).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
				+ "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
				+ "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
	}

	/** RFC 8785 §3.2.2.2 and the string and literal parts of the example in §3.2.2. */
	@Test
	void canonicalWhenStringsNeedEscapingThenEscapedAsJsonStringifyDoes() {
		Map<String, Object> object = new LinkedHashMap<>();
		// the decoded value of the string in the example of RFC 8785 §3.2.2 (its escapes written out)
		object.put("string", "\u20ac$" + (char) 0x0F + "\nA'B\"\\\\\"/");
		object.put("literals", Arrays.asList(null, true, false));

		assertThat(Jcs.canonical(object))
			.isEqualTo("{\"literals\":[null,true,false],\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
	}

	@Test
	void canonicalWhenControlCharactersThenShortFormsOrLowerCaseUnicodeEscapes() {
		assertThat(Jcs.canonical("\b\f\n\r\t\u0000\u001f\u007f")).isEqualTo("\"\\b\\f\\n\\r\\t\\u0000\\u001f\u007f\"");
	}

	@Test
	void canonicalWhenALoneSurrogateThenEscaped() {
		assertThat(Jcs.canonical("a\ud800b\udc00")).isEqualTo("\"a\\ud800b\\udc00\"");
	}

	@Test
	void canonicalWhenNestedThenNoWhitespaceAndNestedMembersSortedToo() {
		Map<String, Object> inner = new LinkedHashMap<>();
		inner.put("b", 2L);
		inner.put("a", List.of("x", "y"));
		Map<String, Object> outer = new LinkedHashMap<>();
		outer.put("z", inner);
		outer.put("seq", 42L);

		assertThat(Jcs.canonical(outer)).isEqualTo("{\"seq\":42,\"z\":{\"a\":[\"x\",\"y\"],\"b\":2}}");
	}

	@Test
	void canonicalWhenAFloatingPointNumberThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Jcs.canonical(List.of(1.5)));
	}

	@Test
	void canonicalWhenAnIntegerBeyondTwoToTheFiftyThreeThenRefused() {
		assertThat(Jcs.canonical(9007199254740992L)).isEqualTo("9007199254740992");
		assertThatIllegalArgumentException().isThrownBy(() -> Jcs.canonical(9007199254740993L));
	}

}
