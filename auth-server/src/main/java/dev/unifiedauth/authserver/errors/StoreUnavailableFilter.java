package dev.unifiedauth.authserver.errors;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.unifiedauth.core.replay.ReplayStoreUnavailableException;

import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Fails closed when a store is down: a database or transaction failure anywhere below this filter becomes
 * {@code 503 {"error":"temporarily_unavailable"}} (never a 200 that did nothing, never a stack trace).
 * Registered ahead of Spring Security. Thread-safe.
 */
public final class StoreUnavailableFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(StoreUnavailableFilter.class);

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException ex) {
			if (!isStoreFailure(ex) || response.isCommitted()) {
				throw ex;
			}
			logger.warn("A store is unavailable; answering 503 for " + request.getMethod() + " "
					+ request.getRequestURI() + ": " + rootMessage(ex));
			response.resetBuffer();
			OAuthErrors.write(response, OAuthErrors.error(OAuthErrors.TEMPORARILY_UNAVAILABLE,
					"A store this server depends on is unavailable; retry later"));
		}
	}

	static boolean isStoreFailure(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessException || cause instanceof TransactionException
					|| cause instanceof java.sql.SQLException || cause instanceof ReplayStoreUnavailableException
					|| (cause instanceof InternalAuthenticationServiceException
							&& cause.getCause() instanceof DataAccessException)) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName();
	}

}
