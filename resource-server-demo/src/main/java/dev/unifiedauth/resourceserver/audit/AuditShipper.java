package dev.unifiedauth.resourceserver.audit;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Delivers spooled audit events to the authorization server ({@code POST /audit/v1/events}, HTTP Basic client
 * authentication) on one daemon thread, every {@code interval} while there is a backlog. A delivery counts once
 * the authorization server answered 200; otherwise the events stay in the spool and the next round sends them
 * again (the authorization server skips events it already has, by {@code event_id}). A delivery refused as
 * malformed (400) is retried one event at a time, so that one bad event cannot hold up the others; an event the
 * authorization server refuses on its own is logged in full and dropped. On shutdown it tries one last delivery.
 */
public final class AuditShipper implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(AuditShipper.class);

	/** The most events per delivery (the authorization server's default limit is 500). */
	static final int BATCH = 200;

	private final AuditSpool spool;

	private final RestClient http;

	private final URI ingestUri;

	private final String basicUser;

	private final String basicPassword;

	private final Duration interval;

	private ScheduledExecutorService executor;

	private volatile boolean failing;

	public AuditShipper(AuditSpool spool, RestClient http, URI ingestUri, String clientId, String clientSecret,
			Duration interval) {
		this.spool = spool;
		this.http = http;
		this.ingestUri = ingestUri;
		this.basicUser = URLEncoder.encode(clientId, StandardCharsets.UTF_8);
		this.basicPassword = URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
		this.interval = interval;
	}

	/**
	 * Delivers everything in the spool, batch by batch.
	 * @return whether the spool is empty afterwards
	 */
	public synchronized boolean deliver() {
		try {
			AuditSpool.Batch batch = this.spool.pending(BATCH);
			while (!batch.lines().isEmpty()) {
				int status = post(batch.lines());
				if (status == 400 && batch.lines().size() > 1) {
					status = oneByOne(batch.lines()) ? 200 : 503;
				}
				else if (status == 400) {
					logger.error("The authorization server refused an audit event; dropped: " + batch.lines().get(0));
					status = 200;
				}
				if (status != 200) {
					noteFailure("the authorization server answered " + status);
					return false;
				}
				this.spool.delivered(batch);
				batch = this.spool.pending(BATCH);
			}
			if (this.failing) {
				logger.info("Audit events reach the authorization server again");
				this.failing = false;
			}
			return true;
		}
		catch (IOException | RestClientException ex) {
			noteFailure(ex.getMessage());
			return false;
		}
	}

	private boolean oneByOne(List<String> lines) {
		for (String line : lines) {
			int status = post(List.of(line));
			if (status == 400) {
				logger.error("The authorization server refused an audit event; dropped: " + line);
			}
			else if (status != 200) {
				return false;
			}
		}
		return true;
	}

	private int post(List<String> lines) {
		String body = "[" + String.join(",", lines) + "]";
		return this.http.post()
			.uri(this.ingestUri)
			.headers((headers) -> headers.setBasicAuth(this.basicUser, this.basicPassword))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange((sent, response) -> {
				HttpStatus status = HttpStatus.resolve(response.getStatusCode().value());
				return (status != null) ? status.value() : 503;
			});
	}

	private void noteFailure(String why) {
		if (!this.failing) {
			logger.warn("Audit events wait in the spool: " + why + "; retrying every " + this.interval);
			this.failing = true;
		}
	}

	@Override
	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "audit-shipper");
			thread.setDaemon(true);
			return thread;
		});
		this.executor.scheduleWithFixedDelay(this::deliverSafely, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void deliverSafely() {
		try {
			deliver();
		}
		catch (RuntimeException ex) {
			logger.error("Delivering audit events failed", ex);
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService running;
		synchronized (this) {
			running = this.executor;
			this.executor = null;
		}
		if (running != null) {
			running.shutdown();
			try {
				running.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			deliverSafely(); // what was recorded last, if the authorization server is there
		}
	}

	/** Starts before the web server takes requests and stops after it stopped taking them. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}
