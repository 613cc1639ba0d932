package dev.unifiedauth.resourceserver.system;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's demo command prints exactly the story of the design: this runs the program {@code ./mvnw -q -Pdemo}
 * runs (DemoWalkthrough, in its own JVM, starting its own servers from the packaged jars) and compares its first
 * 12 lines with the block; then the audit trail of the run must end in the refused call and verify.
 */
class DemoWalkthroughIT {

	private static final List<String> EXPECTED = List.of(
			"=== Unified Auth Demo ===",
			"1. Alice logged in: usr-alice-001 (role=admin)",
			"2. Delegated to agent: scheduling-agent-001",
			"Delegation chain: ['usr-alice-001', 'scheduling-agent-001']",
			"3. documents:read = allowed",
			"documents:delete = supervised",
			"users:read = denied (not in scoped resources)",
			"4. Sub-delegated to: analysis-agent-002",
			"Chain: ['usr-alice-001', 'scheduling-agent-001', 'analysis-agent-002']",
			"documents:read = allowed",
			"documents:update = denied (attenuated to read-only)",
			"5. Revoked 2 token(s) for task-abc");

	@Test
	void demoWhenRunThenItsFirstTwelveLinesAreTheDesignsStoryAndItsTrailVerifies() throws Exception {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		List<String> command = new ArrayList<>(List.of(java.toString(),
				"-Dua.auth-server.jar=" + System.getProperty("ua.auth-server.jar"),
				"-Dua.resource-server.jar=" + System.getProperty("ua.resource-server.jar"),
				"-Dua.system-test.logs=" + Path.of(System.getProperty("ua.system-test.logs", "target")).resolve("demo"),
				"-classpath", System.getProperty("java.class.path"), DemoWalkthrough.class.getName()));
		Process demo = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(demo.waitFor(3, TimeUnit.MINUTES)).isTrue();

		List<String> lines = output.lines().toList();
		assertThat(demo.exitValue()).as(output).isZero();
		assertThat(lines).as(output).hasSizeGreaterThan(EXPECTED.size());
		assertThat(lines.subList(0, EXPECTED.size())).isEqualTo(EXPECTED);
		assertThat(lines.get(12)).contains("refused (invalid_token");
		assertThat(output).contains("6. Audit trail of this run")
			.containsPattern("token\\.exchange +usr-alice-001 -> scheduling-agent-001 -> analysis-agent-002 +granted")
			.containsPattern("task\\.revoked +usr-alice-001 +revoked")
			.containsPattern("permission\\.decision +usr-alice-001 -> scheduling-agent-001 +denied +revoked");
		assertThat(lines.get(lines.size() - 1)).startsWith("7. Audit trail verification: ok (");
	}

}
