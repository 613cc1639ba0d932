package dev.unifiedauth.resourceserver.system;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The curl walk-through of docs/delegation.md ({@code docs/examples/delegation.sh}) works as written against the
 * packaged servers: it produces real DPoP proofs and ends with the two agents' tokens.
 */
class DelegationExampleIT {

	@Test
	void delegationExampleWhenRunAgainstTheServersThenBothAgentTokensCarryTheChain() {
		Tools.require("bash", "curl", "openssl", "java");
		SystemUnderTest system = SystemUnderTest.get();
		Path repository = Path.of(System.getProperty("user.dir")).getParent();

		String output = Tools.run(repository, 180,
				List.of("bash", "docs/examples/delegation.sh", system.authServerUrl()));

		String[] lines = output.strip().split("\n");
		assertThat(lines[0]).startsWith("scheduling-agent-001:")
			.contains("\"sub\":\"usr-alice-001\"")
			.contains("\"act\":{\"sub\":\"scheduling-agent-001\"}")
			.contains("\"task_id\":\"task-abc\"")
			.contains("\"cnf\":{\"jkt\"");
		assertThat(lines[1]).startsWith("analysis-agent-002:")
			.contains("\"act\":{\"sub\":\"analysis-agent-002\",\"act\":{\"sub\":\"scheduling-agent-001\"}}")
			.contains("\"read_only\":true")
			.contains("\"scope\":\"documents:read\"");
	}

}
