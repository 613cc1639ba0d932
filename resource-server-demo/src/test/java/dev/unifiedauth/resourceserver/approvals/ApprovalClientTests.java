package dev.unifiedauth.resourceserver.approvals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import dev.unifiedauth.core.policy.Operation;
import dev.unifiedauth.resourceserver.access.ApprovalApiStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The approval API client against a stand-in server: what it sends, how it reads the three answers, and that
 * anything else (no server, a slow one, an error status, a malformed answer) is "unavailable".
 */
class ApprovalClientTests {

	private static final ApprovalApiStub server = new ApprovalApiStub();

	private static final Operation DELETE = new Operation("documents", "delete");

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void checkWhenCredentialsHaveSpecialCharactersThenTheyAreFormEncodedInBasic() {
		server.answerWith((request) -> ApprovalApiStub.approved());
		ApprovalClient client = client(server.checkUri(), "rs:1", "p@ss word");

		assertThat(client.check("token-1", DELETE, null)).isEqualTo(ApprovalAnswer.approved());

		assertThat(server.received()).singleElement().satisfies((request) -> {
			// RFC 6749 §2.3.1: application/x-www-form-urlencoded, then Basic
			assertThat(request.authorization()).isEqualTo("Basic "
					+ Base64.getEncoder().encodeToString("rs%3A1:p%40ss+word".getBytes(StandardCharsets.UTF_8)));
			assertThat(request.body()).containsEntry("token", "token-1").doesNotContainKey("target");
		});
	}

	@Test
	void checkWhenPendingOrDeniedThenIdsAndUri() {
		ApprovalClient client = client(server.checkUri(), "rs", "secret");
		server.answerWith((request) -> ApprovalApiStub.pending("apr_1"));
		assertThat(client.check("t", DELETE, "doc-1"))
			.isEqualTo(ApprovalAnswer.pending("apr_1", "http://localhost:9000/approvals/apr_1"));
		server.answerWith((request) -> ApprovalApiStub.denied("apr_2"));
		assertThat(client.check("t", DELETE, "doc-1")).isEqualTo(ApprovalAnswer.denied("apr_2"));
	}

	@Test
	void checkWhenAnswerIsOutsideTheContractThenUnavailable() {
		ApprovalClient client = client(server.checkUri(), "rs", "secret");
		for (ApprovalApiStub.Answer answer : new ApprovalApiStub.Answer[] {
				ApprovalApiStub.status(401, "{\"error\":\"invalid_client\"}"),
				ApprovalApiStub.json("{\"status\":\"denied\"}"),
				ApprovalApiStub.json("{\"status\":\"pending\",\"approval_id\":\"apr 1\",\"approval_uri\":\"http://a/b\"}"),
				ApprovalApiStub.json("{\"status\":\"pending\",\"approval_id\":\"apr_1\",\"approval_uri\":\"javascript:x\"}"),
				ApprovalApiStub.json("{}"), ApprovalApiStub.json("[]"), ApprovalApiStub.hangUp() }) {
			server.answerWith((request) -> answer);
			assertThatExceptionOfType(ApprovalUnavailableException.class).as(answer.toString())
				.isThrownBy(() -> client.check("t", DELETE, "doc-1"));
		}
	}

	@Test
	void checkWhenServerIsSlowerThanTheReadTimeoutThenUnavailable() {
		server.answerWith((request) -> ApprovalApiStub.slow(1_500));
		ApprovalClient client = client(server.checkUri(), "rs", "secret");
		long start = System.nanoTime();
		assertThatExceptionOfType(ApprovalUnavailableException.class)
			.isThrownBy(() -> client.check("t", DELETE, "doc-1"));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_400));
	}

	@Test
	void checkWhenNothingListensThenUnavailable() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		ApprovalClient client = client("http://127.0.0.1:" + port + "/approvals/v1/check", "rs", "secret");
		assertThatExceptionOfType(ApprovalUnavailableException.class)
			.isThrownBy(() -> client.check("t", DELETE, "doc-1"));
	}

	private static ApprovalClient client(String uri, String clientId, String secret) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build());
		requests.setReadTimeout(Duration.ofMillis(500));
		return new ApprovalClient(RestClient.builder().requestFactory(requests).build(), URI.create(uri), clientId,
				secret);
	}

}
