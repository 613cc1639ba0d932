package dev.unifiedauth.resourceserver.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.unifiedauth.authserver.testing.Delegations;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two-hop delegation driven by panva's oauth4webapi (a pinned version from the npm registry), unmodified,
 * against the packaged servers (issue 3, item 4).
 */
class OAuth4WebApiDelegationIT {

	static final String VERSION = "3.8.8";

	@Test
	@SuppressWarnings("unchecked")
	void delegationWhenDrivenByOauth4webapiThenTheTwoHopChainIsIssued() throws Exception {
		Tools.require("node", "npm");
		SystemUnderTest system = SystemUnderTest.get();
		Path work = Path.of(System.getProperty("ua.system-test.logs", "target/system-test-logs")).getParent()
			.resolve("oauth4webapi");
		install(work);
		String alice = new Delegations(system.authServerUrl()).aliceToken(Delegations.ALL_ALICE_SCOPES);

		String output = Tools.run(work, 120,
				List.of("node", "oauth4webapi-delegation.mjs", system.authServerUrl(), alice));

		Map<String, Object> result = JSONObjectUtils.parse(output.strip());
		Map<String, Object> scheduling = (Map<String, Object>) result.get("scheduling");
		Map<String, Object> analysis = (Map<String, Object>) result.get("analysis");
		assertThat(scheduling).containsEntry("token_type", "dpop")
			.containsEntry("issued_token_type", "urn:ietf:params:oauth:token-type:access_token");
		assertThat((Map<String, Object>) scheduling.get("claims")).containsEntry("sub", "usr-alice-001")
			.containsEntry("act", Map.of("sub", "scheduling-agent-001"))
			.containsEntry("task_id", "task-abc");
		assertThat((Map<String, Object>) analysis.get("claims"))
			.containsEntry("act", Map.of("sub", "analysis-agent-002", "act", Map.of("sub", "scheduling-agent-001")))
			.containsEntry("read_only", true)
			.containsEntry("scope", "documents:read");
	}

	private static void install(Path work) {
		try {
			Files.createDirectories(work);
			Files.copy(Path.of("src/test/node/oauth4webapi-delegation.mjs"), work.resolve("oauth4webapi-delegation.mjs"),
					StandardCopyOption.REPLACE_EXISTING);
			if (!Files.isDirectory(work.resolve("node_modules/oauth4webapi"))) {
				Tools.run(work, 300, List.of("npm", "install", "--no-audit", "--no-fund", "--no-save",
						"oauth4webapi@" + VERSION));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
