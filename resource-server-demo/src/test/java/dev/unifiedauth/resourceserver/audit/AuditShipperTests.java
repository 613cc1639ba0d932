package dev.unifiedauth.resourceserver.audit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;
import dev.unifiedauth.core.audit.AuditEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery of the resource server's audit events to the authorization server's ingestion endpoint: nothing is
 * lost while it is down, a retried delivery sends the same event ids (so the trail keeps each event once), and a
 * malformed event cannot hold up the others.
 */
class AuditShipperTests {

	@TempDir
	Path directory;

	private HttpServer server;

	private final List<String> bodies = new CopyOnWriteArrayList<>();

	private volatile Function<String, Integer> answers = (body) -> 200;

	private AuditSpool spool;

	private SpoolingAuditSink sink;

	private AuditShipper shipper;

	@BeforeEach
	void ingestionEndpoint() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/audit/v1/events", (exchange) -> {
			try (exchange) {
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				this.bodies.add(body);
				exchange.sendResponseHeaders(this.answers.apply(body), -1);
			}
		});
		this.server.start();
		this.spool = new AuditSpool(this.directory, 1 << 20);
		this.sink = new SpoolingAuditSink(this.spool, JsonMapper.builder().build());
		this.shipper = new AuditShipper(this.spool, RestClient.create(),
				URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/audit/v1/events"),
				"resource-server-demo", "secret", Duration.ofMillis(50));
	}

	@AfterEach
	void stop() throws IOException {
		this.server.stop(0);
		this.spool.close();
	}

	@Test
	void deliverWhenTheAuthorizationServerIsDownThenEventsWaitAndTheSameEventsAreSentOnceItIsBack() throws IOException {
		this.answers = (body) -> 503;
		this.sink.record(event("first"));
		this.sink.record(event("second"));

		assertThat(this.shipper.deliver()).isFalse();
		assertThat(this.spool.backlog()).isPositive();
		this.answers = (body) -> 200;
		assertThat(this.shipper.deliver()).isTrue();

		assertThat(this.bodies).hasSize(2);
		assertThat(this.bodies.get(1)).as("redelivered with the same event ids").isEqualTo(this.bodies.get(0));
		assertThat(this.bodies.get(1)).contains("\"type\":\"permission.decision\"").contains("first", "second");
		assertThat(this.spool.backlog()).isZero();
		assertThat(this.shipper.deliver()).isTrue();
		assertThat(this.bodies).as("nothing left to send").hasSize(2);
	}

	@Test
	void deliverWhenOneEventIsRefusedAsMalformedThenTheOthersStillArrive() {
		AtomicInteger delivered = new AtomicInteger();
		this.answers = (body) -> {
			if (body.contains("poison")) {
				return 400;
			}
			delivered.incrementAndGet();
			return 200;
		};
		this.sink.record(event("good-1"));
		this.sink.record(event("poison"));
		this.sink.record(event("good-2"));

		assertThat(this.shipper.deliver()).isTrue();

		assertThat(delivered.get()).isEqualTo(2);
	}

	@Test
	void recordWhenAnEventIsSpooledThenItCarriesTheIngestionMembersAndNeverMore() {
		this.sink.record(event("x"));
		this.shipper.deliver();

		List<?> delivery = JsonMapper.builder().build().readValue(this.bodies.get(0), List.class);
		Map<?, ?> sent = (Map<?, ?>) delivery.get(0);

		assertThat(sent.keySet().stream().map(String::valueOf).toList()).containsExactlyInAnyOrder("event_id", "time", "type", "decision", "reason", "source", "client_id",
				"chain", "task_id", "resource", "action", "jti", "details");
		assertThat(sent.get("event_id")).asString().matches("[0-9a-f-]{36}");
	}

	private static AuditEvent event(String jti) {
		return AuditEvent.of("permission.decision", Instant.parse("2026-11-28T10:00:00Z"))
			.decision("allowed", "allowed")
			.source("http://localhost:8081")
			.client("scheduling-agent-001")
			.chain(List.of("usr-alice-001", "scheduling-agent-001"))
			.task("task-abc")
			.operation("documents", "read")
			.jti(jti)
			.detail("tier", "FREE")
			.build();
	}

}
