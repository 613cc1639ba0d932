package dev.unifiedauth.resourceserver.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the authorization server's approval API ({@code POST /approvals/v1/check}) on a loopback port:
 * it records every request and answers with whatever {@link #answerWith} says (by default: pending). Thread-safe.
 */
public final class ApprovalApiStub implements AutoCloseable {

	static final String PATH = "/approvals/v1/check";

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile Function<Received, Answer> answers = (request) -> pending("apr_default");

	public ApprovalApiStub() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext(PATH, this::handle);
		this.server.setExecutor(Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "approval-api-stub");
			thread.setDaemon(true);
			return thread;
		})); // a slow answer must not hold up the next request
		this.server.start();
	}

	public String checkUri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + PATH;
	}

	/** From now on, answer each request with {@code answers}; forgets what was received. */
	public void answerWith(Function<Received, Answer> answers) {
		this.received.clear();
		this.answers = answers;
	}

	public List<Received> received() {
		return List.copyOf(this.received);
	}

	public static Answer pending(String approvalId) {
		return json("{\"status\":\"pending\",\"approval_id\":\"" + approvalId
				+ "\",\"approval_uri\":\"http://localhost:9000/approvals/" + approvalId + "\"}");
	}

	public static Answer approved() {
		return json("{\"status\":\"approved\"}");
	}

	public static Answer denied(String approvalId) {
		return json("{\"status\":\"denied\",\"approval_id\":\"" + approvalId + "\"}");
	}

	public static Answer json(String body) {
		return new Answer(200, body, 0, false);
	}

	public static Answer status(int status, String body) {
		return new Answer(status, body, 0, false);
	}

	/** Close the connection without an answer. */
	public static Answer hangUp() {
		return new Answer(0, null, 0, true);
	}

	/** Answer pending, after {@code millis}. */
	public static Answer slow(long millis) {
		return new Answer(200, "{\"status\":\"pending\",\"approval_id\":\"apr_slow\",\"approval_uri\":\"http://x/a\"}",
				millis, false);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Received request = new Received(exchange.getRequestMethod(),
					exchange.getRequestHeaders().getFirst("Authorization"),
					exchange.getRequestHeaders().getFirst("Content-Type"),
					parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
			this.received.add(request);
			Answer answer = this.answers.apply(request);
			if (answer.delayMillis() > 0) {
				Thread.sleep(answer.delayMillis());
			}
			if (answer.hangUp()) {
				return; // closed without a status line
			}
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(answer.status(), body.length);
			exchange.getResponseBody().write(body);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Map<String, Object> parse(String body) {
		try {
			return JSONObjectUtils.parse(body);
		}
		catch (ParseException ex) {
			return Map.of("unparseable", body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/** One request the stub received. */
	public record Received(String method, String authorization, String contentType, Map<String, Object> body) {
	}

	/** One answer: status and JSON body, or a dropped connection, optionally late. */
	public record Answer(int status, String body, long delayMillis, boolean hangUp) {
	}

}
