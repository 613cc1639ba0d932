package dev.unifiedauth.resourceserver.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.unifiedauth.core.revocation.RevocationRule;

/**
 * A stand-in for the authorization server's revocation feed ({@code GET /revocations/v1/events}) on a loopback
 * port: it serves the rules {@link #publish}ed to it after the reader's cursor, or fails while
 * {@link #failing(boolean)}. Thread-safe.
 */
public final class RevocationFeedStub implements AutoCloseable {

	static final String PATH = "/revocations/v1/events";

	private final HttpServer server;

	private final List<RevocationRule> rules = new CopyOnWriteArrayList<>();

	private final AtomicLong sequence = new AtomicLong();

	private volatile boolean failing;

	public RevocationFeedStub() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext(PATH, this::handle);
		this.server.setExecutor(Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "revocation-feed-stub");
			thread.setDaemon(true);
			return thread;
		}));
		this.server.start();
	}

	public String feedUri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + PATH;
	}

	/** Adds a rule to the feed, at the next sequence number. */
	public void publish(RevocationRule rule) {
		this.rules.add(rule.withSeq(this.sequence.incrementAndGet()));
	}

	/** While failing, every read is answered 503. */
	public void failing(boolean failing) {
		this.failing = failing;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (this.failing) {
				exchange.sendResponseHeaders(503, -1);
				return;
			}
			long after = after(exchange.getRequestURI());
			List<Map<String, Object>> events = new ArrayList<>();
			long next = after;
			for (RevocationRule rule : this.rules) {
				if (rule.seq() > after) {
					events.add(rule.toMap());
					next = Math.max(next, rule.seq());
				}
			}
			byte[] body = JSONObjectUtils.toJSONString(Map.of("events", events, "next", next, "more", false))
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
		}
	}

	private static long after(URI uri) {
		String query = uri.getRawQuery();
		if (query != null) {
			for (String parameter : query.split("&")) {
				if (parameter.startsWith("after=")) {
					return Long.parseLong(parameter.substring("after=".length()));
				}
			}
		}
		return 0;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
