package dev.unifiedauth.authserver.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.unifiedauth.authserver.delegation.Task;
import dev.unifiedauth.authserver.delegation.Tasks;
import dev.unifiedauth.core.token.TaskId;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The task API for the client that started a task (HTTP Basic client authentication, form-encoded like RFC 7009):
 * <ul>
 * <li>{@code POST /tasks/v1/revoke} with {@code task_id} and {@code subject}: revokes every token of the task at
 * every depth and answers {@code {"task_id", "sub", "revoked_tokens", "revoked_at"}}; idempotent;</li>
 * <li>{@code POST /tasks/v1/deadline} with {@code task_id}, {@code subject} and {@code expires_in} (seconds) or
 * {@code deadline} (RFC 3339): brings the deadline forward (never back) and answers the task's deadline.</li>
 * </ul>
 * A task the caller did not start answers 404 exactly like an unknown one, so that nothing leaks about other
 * clients' tasks. The root human and administrators end tasks on the {@code /tasks} page.
 */
@RestController
final class TaskApiController {

	private final Tasks tasks;

	private final TaskRevocation revocation;

	private final Clock clock;

	TaskApiController(Tasks tasks, TaskRevocation revocation, Clock clock) {
		this.tasks = tasks;
		this.revocation = revocation;
		this.clock = clock;
	}

	@PostMapping("/tasks/v1/revoke")
	ResponseEntity<Map<String, Object>> revoke(@RequestParam(name = "task_id", required = false) String taskId,
			@RequestParam(required = false) String subject) {
		String caller = caller();
		Task task = startedBy(caller, subject, taskId);
		if (task == null) {
			return notFound();
		}
		TaskRevocation.Revocation result = this.revocation.revoke(task, "client:" + caller, caller);
		Map<String, Object> body = describe(this.tasks.find(task.subject(), task.taskId()).orElse(task));
		body.put("revoked_tokens", result.revokedTokens());
		return ResponseEntity.ok(body);
	}

	@PostMapping("/tasks/v1/deadline")
	ResponseEntity<Map<String, Object>> deadline(@RequestParam(name = "task_id", required = false) String taskId,
			@RequestParam(required = false) String subject,
			@RequestParam(name = "expires_in", required = false) String expiresIn,
			@RequestParam(required = false) String deadline) {
		String caller = caller();
		Task task = startedBy(caller, subject, taskId);
		if (task == null) {
			return notFound();
		}
		Instant when = deadline(expiresIn, deadline);
		return ResponseEntity.ok(describe(this.revocation.shortenDeadline(task, when, "client:" + caller, caller)));
	}

	private Task startedBy(String caller, String subject, String taskId) {
		if (subject == null || subject.isBlank() || subject.length() > 200) {
			throw new IllegalArgumentException("subject is required: the user the task acts for");
		}
		if (taskId == null) {
			throw new IllegalArgumentException("task_id is required");
		}
		new TaskId(taskId); // validates the form
		return this.tasks.find(subject, taskId).filter((task) -> task.startedBy().equals(caller)).orElse(null);
	}

	private Instant deadline(String expiresIn, String deadline) {
		if ((expiresIn == null) == (deadline == null)) {
			throw new IllegalArgumentException("Send exactly one of expires_in (seconds) and deadline (RFC 3339)");
		}
		if (expiresIn != null) {
			if (!expiresIn.matches("[0-9]{1,9}")) {
				throw new IllegalArgumentException("expires_in must be a number of seconds");
			}
			return this.clock.instant().plus(Duration.ofSeconds(Long.parseLong(expiresIn)));
		}
		try {
			return Instant.parse(deadline);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("deadline must be an RFC 3339 time such as 2026-11-28T10:00:00Z");
		}
	}

	private static Map<String, Object> describe(Task task) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("task_id", task.taskId());
		body.put("sub", task.subject());
		body.put("started_by", task.startedBy());
		if (task.deadline() != null) {
			body.put("deadline", task.deadline().toString());
		}
		if (task.revokedAt() != null) {
			body.put("revoked_at", task.revokedAt().toString());
		}
		return body;
	}

	private static String caller() {
		return ((OAuth2ClientAuthenticationToken) SecurityContextHolder.getContext().getAuthentication())
			.getRegisteredClient()
			.getClientId();
	}

	private static ResponseEntity<Map<String, Object>> notFound() {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(Map.of("error", "not_found", "error_description", "No such task was started by this client"));
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException ex) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST)
			.body(Map.of("error", "invalid_request", "error_description", ex.getMessage()));
	}

}
