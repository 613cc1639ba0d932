package dev.unifiedauth.authserver.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy for fault tests: forwards every connection to {@code 127.0.0.1:targetPort} until
 * {@link #cut()}, which closes every open connection and refuses new ones (a database that went away), until
 * {@link #restore()}; {@link #cutAfter(int)} does the same in the middle of a conversation, after a number of
 * client-to-server writes. One daemon thread accepts, two pump each connection.
 */
public final class TcpProxy implements AutoCloseable {

	private final ServerSocket listener;

	private final int targetPort;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile boolean cut;

	/** Client-to-server writes left before the proxy cuts; negative when not armed. */
	private final AtomicInteger writesBeforeCut = new AtomicInteger(-1);

	public TcpProxy(int targetPort) {
		this.targetPort = targetPort;
		try {
			this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		daemon("tcp-proxy-accept", this::acceptLoop);
	}

	public int port() {
		return this.listener.getLocalPort();
	}

	/** Closes every forwarded connection and refuses new ones. */
	public synchronized void cut() {
		this.cut = true;
		this.open.forEach(TcpProxy::closeQuietly);
		this.open.clear();
	}

	/**
	 * Forwards {@code writes - 1} more client-to-server writes (database messages, usually one statement each) and
	 * cuts instead of forwarding the next: the server never sees it, so a transaction open then is rolled back.
	 */
	public void cutAfter(int writes) {
		this.writesBeforeCut.set(writes);
	}

	public void restore() {
		this.writesBeforeCut.set(-1);
		this.cut = false;
	}

	@Override
	public void close() {
		cut();
		closeQuietly(this.listener);
	}

	private void acceptLoop() {
		while (!this.listener.isClosed()) {
			try {
				Socket client = this.listener.accept();
				Socket upstream = connect(client);
				if (upstream == null) {
					continue;
				}
				daemon("tcp-proxy-up", () -> pump(client, upstream, true));
				daemon("tcp-proxy-down", () -> pump(upstream, client, false));
			}
			catch (IOException ex) {
				// listener closed, or the target refused: the client sees its connection closed
			}
		}
	}

	/** The upstream end for {@code client}, or {@code null} (client closed) while cut: one lock with {@link #cut()}. */
	private synchronized Socket connect(Socket client) throws IOException {
		if (this.cut) {
			closeQuietly(client);
			return null;
		}
		Socket upstream = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
		this.open.add(client);
		this.open.add(upstream);
		return upstream;
	}

	private void pump(Socket from, Socket to, boolean toServer) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) != -1) {
				if (toServer && this.writesBeforeCut.get() > 0 && this.writesBeforeCut.decrementAndGet() == 0) {
					cut(); // this write never reaches the server
					return;
				}
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// either side closed
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			this.open.remove(from);
			this.open.remove(to);
		}
	}

	private static void daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// already closed
		}
	}

}
