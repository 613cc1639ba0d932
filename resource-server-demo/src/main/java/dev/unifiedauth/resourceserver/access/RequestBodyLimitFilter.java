package dev.unifiedauth.resourceserver.access;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds request bodies before anything reads them (security case G03): a declared {@code Content-Length} above
 * the limit is answered 413 at once (RFC 9110 §15.5.14); a body of undeclared length (chunked) is cut off at the
 * limit, and reading past it fails with {@link BodyTooLargeException}, which {@link ApiExceptionHandler} answers
 * with 413 as well.
 */
final class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	private final AccessErrors errors;

	RequestBodyLimitFilter(long maxBytes, AccessErrors errors) {
		this.maxBytes = maxBytes;
		this.errors = errors;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			this.errors.write(response, tooLarge(this.errors, this.maxBytes));
			return;
		}
		chain.doFilter(new Bounded(request, this.maxBytes), response);
	}

	static AccessError tooLarge(AccessErrors errors, long maxBytes) {
		return errors.plain(HttpStatus.PAYLOAD_TOO_LARGE, AccessErrors.INVALID_REQUEST,
				"The request body is larger than " + maxBytes + " bytes");
	}

	/** Reading more than the limit from the body. */
	static final class BodyTooLargeException extends IOException {

		BodyTooLargeException() {
			super("The request body is too large");
		}

	}

	private static final class Bounded extends HttpServletRequestWrapper {

		private final long maxBytes;

		private ServletInputStream stream;

		Bounded(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new BoundedStream(super.getInputStream(), this.maxBytes);
			}
			return this.stream;
		}

	}

	private static final class BoundedStream extends ServletInputStream {

		private final ServletInputStream in;

		private long remaining;

		BoundedStream(ServletInputStream in, long maxBytes) {
			this.in = in;
			this.remaining = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int b = this.in.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.in.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws IOException {
			this.remaining -= n;
			if (this.remaining < 0) {
				throw new BodyTooLargeException();
			}
		}

		@Override
		public boolean isFinished() {
			return this.in.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.in.setReadListener(listener);
		}

	}

}
