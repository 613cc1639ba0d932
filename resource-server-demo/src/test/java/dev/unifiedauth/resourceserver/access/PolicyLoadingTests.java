package dev.unifiedauth.resourceserver.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.unifiedauth.core.policy.PolicyException;
import dev.unifiedauth.core.testing.ProofKey;
import dev.unifiedauth.resourceserver.ResourceServerApplication;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The resource server reads the policy file named by {@code unified-auth.policy.location}, as the authorization
 * server does: its tiers and scopes are what the server enforces and publishes, and a file it cannot use stops
 * the start with the file, line and problem.
 */
class PolicyLoadingTests {

	private static final TestIssuer issuer = new TestIssuer();

	private static final RevocationFeedStub revocations = new RevocationFeedStub();

	private static final String SPOOL = TemporaryDirectories.create("audit-spool");

	@TempDir
	Path directory;

	@AfterAll
	static void stopIssuer() {
		issuer.close();
	}

	@Test
	void startWhenPolicyFileMakesReadsForbiddenThenAgentsAreRefusedAndMetadataFollowsTheFile() throws IOException {
		Path policy = write("policy.yaml", """
				resources:
				  documents:
				    read: FORBIDDEN
				    create: FREE
				roles:
				  admin: [documents:read, documents:create]
				""");
		try (ConfigurableApplicationContext server = start(policy)) {
			int port = ((WebServerApplicationContext) server).getWebServer().getPort();
			ProofKey key = ProofKey.es256();
			String token = issuer.agent("documents:read", "scheduling-agent-001").boundTo(key).mint();

			Response agent = RestAssured.given()
				.port(port)
				.header("Authorization", "DPoP " + token)
				.header("DPoP", ResourceServerHttpTest.proof(key, "GET", "/api/documents", token))
				.get("/api/documents");
			Response human = RestAssured.given()
				.port(port)
				.header("Authorization", "Bearer " + issuer.token("documents:read"))
				.get("/api/documents");
			Response metadata = RestAssured.given().port(port).get("/.well-known/oauth-protected-resource");

			assertThat(agent.statusCode()).isEqualTo(403);
			assertThat(agent.jsonPath().getString("error")).isEqualTo("forbidden");
			assertThat(human.statusCode()).isEqualTo(200);
			assertThat(metadata.jsonPath().getList("scopes_supported")).containsExactly("documents:create",
					"documents:read");
		}
	}

	@Test
	void startWhenPolicyIsBrokenYamlThenStartFailsNamingFileAndLine() throws IOException {
		Path policy = write("broken.yaml", "resources:\n  documents:\n    read: FREE\n   create: [\n");
		assertStartFails(policy, "broken.yaml:");
	}

	@Test
	void startWhenPolicyNamesAnUnknownTierThenStartFailsNamingFileLineAndTier() throws IOException {
		Path policy = write("tier.yaml", "resources:\n  documents:\n    read: FRE\n");
		assertStartFails(policy, "tier.yaml:3:11: unknown tier 'FRE'");
	}

	@Test
	void startWhenPolicyFileIsMissingThenStartFails() {
		assertThatThrownBy(() -> start(this.directory.resolve("missing.yaml"))).hasStackTraceContaining("missing.yaml");
	}

	private void assertStartFails(Path policy, String message) {
		assertThatThrownBy(() -> start(policy)).satisfies((failure) -> {
			Throwable cause = failure;
			while (cause != null && !(cause instanceof PolicyException)) {
				cause = cause.getCause();
			}
			assertThat(cause).isInstanceOf(PolicyException.class);
			assertThat(cause.getMessage()).contains(message);
		});
	}

	private ConfigurableApplicationContext start(Path policy) {
		return new SpringApplicationBuilder(ResourceServerApplication.class).run("--server.port=0",
				"--unified-auth.policy.location=file:" + policy, "--resource-server.jwk-set-uri=" + issuer.jwkSetUri(),
				"--resource-server.identifier=" + TestIssuer.AUDIENCE, "--resource-server.issuer=" + TestIssuer.ISSUER,
				"--resource-server.revocation.feed-uri=" + revocations.feedUri(),
				"--resource-server.audit.spool-directory=" + SPOOL,
				"--spring.main.banner-mode=off");
	}

	private Path write(String name, String content) throws IOException {
		return Files.writeString(this.directory.resolve(name), content);
	}

}
