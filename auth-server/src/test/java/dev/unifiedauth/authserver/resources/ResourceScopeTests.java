package dev.unifiedauth.authserver.resources;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ResourceScopeTests {

	@Test
	void parseWhenResourceColonActionThenBothParts() {
		assertThat(ResourceScope.parse("documents:read")).contains(new ResourceScope("documents", "read"));
	}

	@Test
	void parseWhenIdentityOrMalformedScopeThenEmpty() {
		assertThat(ResourceScope.parse("openid")).isEmpty();
		assertThat(ResourceScope.parse("a:b:c")).isEmpty();
		assertThat(ResourceScope.parse(":read")).isEmpty();
		assertThat(ResourceScope.parse("documents:")).isEmpty();
		assertThat(ResourceScope.parse("Documents:read")).isEmpty();
		assertThat(ResourceScope.parse("docs:read\"")).isEmpty();
		assertThat(ResourceScope.parse(null)).isEmpty();
	}

	@Test
	void writesWhenReadListOrSearchThenFalseOtherwiseTrue() {
		assertThat(new ResourceScope("documents", "read").writes()).isFalse();
		assertThat(new ResourceScope("documents", "list").writes()).isFalse();
		assertThat(new ResourceScope("documents", "search").writes()).isFalse();
		assertThat(new ResourceScope("documents", "update").writes()).isTrue();
		assertThat(new ResourceScope("payments", "create").writes()).isTrue();
	}

	@Test
	void constructorWhenNameInvalidThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ResourceScope("bad name", "read"));
	}

	@Property
	void parseWhenGivenToStringThenRoundTrips(@ForAll @AlphaChars @StringLength(min = 1, max = 20) String resource,
			@ForAll @AlphaChars @StringLength(min = 1, max = 20) String action) {
		ResourceScope scope = new ResourceScope(resource.toLowerCase(), action.toLowerCase());
		assertThat(ResourceScope.parse(scope.toString())).contains(scope);
	}

}
