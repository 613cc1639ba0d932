package dev.unifiedauth.core.token;

import java.util.List;
import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ActorChainTests {

	@Test
	void toActClaimWhenTwoActorsThenOutermostIsTheCurrentActor() {
		ActorChain chain = new ActorChain(List.of("scheduling-agent-001", "analysis-agent-002"));
		assertThat(chain.toActClaim()).isEqualTo(
				Map.of("sub", "analysis-agent-002", "act", Map.of("sub", "scheduling-agent-001")));
		assertThat(chain.current()).isEqualTo("analysis-agent-002");
		assertThat(chain.withRoot("usr-alice-001")).containsExactly("usr-alice-001", "scheduling-agent-001",
				"analysis-agent-002");
	}

	@Test
	void fromActClaimWhenNullThenEmptyChainWithoutActClaim() {
		assertThat(ActorChain.fromActClaim(null).isEmpty()).isTrue();
		assertThat(ActorChain.empty().toActClaim()).isNull();
	}

	@Test
	void fromActClaimWhenMalformedThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> ActorChain.fromActClaim("agent"));
		assertThatIllegalArgumentException().isThrownBy(() -> ActorChain.fromActClaim(Map.of("act", Map.of())));
		assertThatIllegalArgumentException().isThrownBy(() -> ActorChain.fromActClaim(Map.of("sub", 7)));
		assertThatIllegalArgumentException().isThrownBy(() -> ActorChain.fromActClaim(Map.of("sub", " ")));
	}

	@Test
	void fromActClaimWhenNestedDeeperThanTheParseLimitThenRefused() {
		Map<String, Object> act = Map.of("sub", "a0");
		for (int i = 1; i <= ActorChain.PARSE_LIMIT; i++) {
			act = Map.of("sub", "a" + i, "act", act);
		}
		Map<String, Object> deep = act;
		assertThatIllegalArgumentException().isThrownBy(() -> ActorChain.fromActClaim(deep));
	}

	@Property
	void fromActClaimWhenGivenToActClaimThenRoundTrips(
			@ForAll @Size(min = 1, max = 10) List<@AlphaChars @StringLength(min = 1, max = 12) String> actors) {
		ActorChain chain = new ActorChain(actors);
		assertThat(ActorChain.fromActClaim(chain.toActClaim())).isEqualTo(chain);
	}

}
