package dev.unifiedauth.resourceserver.access;

import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place where the API's own and Spring MVC's request errors become responses, in the same
 * {@code {"error", "error_description"}} shape as every other refusal: bad input is a 4xx with a description that
 * names the rule, never a 5xx or a stack trace (security cases G). The one 5xx the handlers raise on purpose is
 * 507 when a bounded store is full.
 */
@RestControllerAdvice
final class ApiExceptionHandler {

	private final AccessErrors errors;

	ApiExceptionHandler(AccessErrors errors) {
		this.errors = errors;
	}

	@ExceptionHandler(ResponseStatusException.class)
	ResponseEntity<Map<String, Object>> status(ResponseStatusException ex) {
		HttpStatusCode status = ex.getStatusCode();
		return answer(this.errors.plain(HttpStatus.valueOf(status.value()), code(status), ex.getReason()));
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RequestBodyLimitFilter.BodyTooLargeException) {
				return answer(this.errors.plain(HttpStatus.PAYLOAD_TOO_LARGE, AccessErrors.INVALID_REQUEST,
						"The request body is too large"));
			}
		}
		return answer(this.errors.plain(HttpStatus.BAD_REQUEST, AccessErrors.INVALID_REQUEST,
				"The request body is missing or is not the JSON this operation takes"));
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException ex) {
		return answer(this.errors.plain(HttpStatus.UNSUPPORTED_MEDIA_TYPE, AccessErrors.INVALID_REQUEST,
				"The request body must be application/json"));
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException ex) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED);
		if (ex.getSupportedHttpMethods() != null) {
			response.allow(ex.getSupportedHttpMethods().toArray(new HttpMethod[0]));
		}
		return response.body(this.errors
			.plain(HttpStatus.METHOD_NOT_ALLOWED, AccessErrors.INVALID_REQUEST, "This method is not allowed here")
			.body());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Map<String, Object>> typeMismatch(MethodArgumentTypeMismatchException ex) {
		return answer(this.errors.plain(HttpStatus.BAD_REQUEST, AccessErrors.INVALID_REQUEST,
				"The parameter " + ex.getName() + " has the wrong form"));
	}

	@ExceptionHandler({ NoHandlerFoundException.class, NoResourceFoundException.class })
	ResponseEntity<Map<String, Object>> notFound(Exception ex) {
		return answer(this.errors.plain(HttpStatus.NOT_FOUND, "not_found", "No such resource"));
	}

	private static String code(HttpStatusCode status) {
		if (status.value() == 400) {
			return AccessErrors.INVALID_REQUEST;
		}
		HttpStatus known = HttpStatus.resolve(status.value());
		return (known != null) ? known.name().toLowerCase(Locale.ROOT) : "error";
	}

	private static ResponseEntity<Map<String, Object>> answer(AccessError error) {
		return ResponseEntity.status(error.status()).body(error.body());
	}

}
