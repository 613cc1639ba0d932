package dev.unifiedauth.authserver.revocation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.unifiedauth.authserver.accounts.SessionRoles;
import dev.unifiedauth.authserver.delegation.DelegatedTokens;
import dev.unifiedauth.authserver.delegation.Task;
import dev.unifiedauth.authserver.delegation.Tasks;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The page where a human sees the tasks agents run for them and revokes one (every token of it, at every depth,
 * at once). The root human revokes their own tasks; an administrator anyone's. Behind the normal login; the form
 * is CSRF-protected. A task that is not the human's answers 404 like an unknown one.
 */
@Controller
final class TaskPagesController {

	private static final int SHOWN = 50;

	private final Tasks tasks;

	private final DelegatedTokens tokens;

	private final TaskRevocation revocation;

	private final Clock clock;

	TaskPagesController(Tasks tasks, DelegatedTokens tokens, TaskRevocation revocation, Clock clock) {
		this.tasks = tasks;
		this.tokens = tokens;
		this.revocation = revocation;
		this.clock = clock;
	}

	@GetMapping("/tasks")
	String list(Authentication human, Model model) {
		boolean admin = SessionRoles.isAdmin(human);
		Instant now = this.clock.instant();
		List<Row> rows = (admin ? this.tasks.recent(SHOWN) : this.tasks.ofSubject(human.getName(), SHOWN)).stream()
			.map((task) -> new Row(task, task.revoked() ? 0 : this.tokens.liveTokensOfTask(task.subject(),
					task.taskId(), now), !task.revoked() && !task.pastDeadline(now)))
			.toList();
		model.addAttribute("rows", rows);
		model.addAttribute("human", human.getName());
		model.addAttribute("admin", admin);
		return "tasks";
	}

	@PostMapping("/tasks/revoke")
	String revoke(@RequestParam(name = "task_id") String taskId, @RequestParam String subject, Authentication human,
			RedirectAttributes redirect) {
		Task task = this.tasks.find(subject, taskId)
			.filter((found) -> found.subject().equals(human.getName()) || SessionRoles.isAdmin(human))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		TaskRevocation.Revocation result = this.revocation.revoke(task, human.getName(), null);
		redirect.addFlashAttribute("message",
				"Revoked " + result.revokedTokens() + " token(s) for " + task.taskId());
		return "redirect:/tasks";
	}

	/**
	 * One line of the page.
	 *
	 * @param task the task
	 * @param liveTokens how many of its tokens are still usable
	 * @param running whether it is neither revoked nor past its deadline
	 */
	record Row(Task task, int liveTokens, boolean running) {

	}

}
