package dev.unifiedauth.resourceserver.revocation;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Polls the revocation feed on one daemon thread, every {@code interval} after the previous poll ended, from the
 * moment the server starts until it stops. The first poll runs before the server takes requests, so that a server
 * whose authorization server is up never answers 503 for want of a first read.
 */
public final class RevocationPoller implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RevocationPoller.class);

	private final RevocationStatus status;

	private final Duration interval;

	private ScheduledExecutorService executor;

	public RevocationPoller(RevocationStatus status, Duration interval) {
		this.status = status;
		this.interval = interval;
	}

	@Override
	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "revocation-feed");
			thread.setDaemon(true);
			return thread;
		});
		pollSafely();
		this.executor.scheduleWithFixedDelay(this::pollSafely, this.interval.toMillis(), this.interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void pollSafely() {
		try {
			this.status.poll();
		}
		catch (RuntimeException ex) {
			// an unexpected failure must not end the schedule; staleness makes requests fail closed meanwhile
			logger.error("Polling the revocation feed failed", ex);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
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
