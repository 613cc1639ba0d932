package dev.unifiedauth.authserver.permissions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.unifiedauth.authserver.AuthServerApplication;
import dev.unifiedauth.core.policy.PolicyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A policy file that cannot be used stops the authorization server's start with a report that names the file,
 * the line and the problem (issue 4).
 */
@ExtendWith(OutputCaptureExtension.class)
class PolicyStartupTests {

	@TempDir
	Path directory;

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"broken YAML|resources:\\n  documents:\\n    read: FREE\\n   delete: [\\n|policy.yaml:4:",
			"unknown tier|resources:\\n  documents:\\n    read: FRE\\n|policy.yaml:3:11: unknown tier 'FRE'",
			"unknown resource in a role|resources:\\n  documents:\\n    read: FREE\\nroles:\\n  admin: [mail:send]\\n|policy.yaml:5:11: role 'admin' grants 'mail:send' of unknown resource 'mail'" })
	void startWhenThePolicyFileIsWrongThenTheStartFailsNamingFileLineAndProblem(String name, String yaml,
			String expected, CapturedOutput output) throws Exception {
		Path policy = this.directory.resolve("policy.yaml");
		Files.writeString(policy, yaml.replace("\\n", "\n"));
		String location = "file:" + policy;

		assertThatThrownBy(() -> start(location)).satisfies((failure) -> assertThat(causes(failure))
			.anyMatch(PolicyException.class::isInstance));

		String expectedWithPath = expected.replace("policy.yaml", location);
		assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
			.contains("The permission policy cannot be used: " + expectedWithPath);
	}

	@Test
	void startWhenThePolicyFileIsMissingThenTheStartFailsNamingIt(CapturedOutput output) {
		String location = "file:" + this.directory.resolve("absent.yaml");
		assertThatThrownBy(() -> start(location)).hasRootCauseInstanceOf(java.io.IOException.class);
		assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
			.contains(location + ": cannot be read");
	}

	private static List<Throwable> causes(Throwable failure) {
		List<Throwable> chain = new ArrayList<>();
		for (Throwable cause = failure; cause != null && !chain.contains(cause); cause = cause.getCause()) {
			chain.add(cause);
		}
		return chain;
	}

	private static void start(String policyLocation) {
		new SpringApplicationBuilder(AuthServerApplication.class)
			.run("--server.port=0", "--server.address=127.0.0.1", "--unified-auth.policy.location=" + policyLocation,
					"--spring.datasource.url=jdbc:h2:mem:policy-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
					"--unified-auth.keys.encryption-key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
			.close();
	}

}
