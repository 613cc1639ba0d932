package dev.unifiedauth.authserver.approvals;

import java.util.Set;

import dev.unifiedauth.authserver.accounts.SessionRoles;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * The pages where a human sees the operations agents wait to perform for them and approves or denies each one.
 * Behind the normal login; forms are CSRF-protected.
 */
@Controller
final class ApprovalPagesController {

	private final ApprovalService approvals;

	ApprovalPagesController(ApprovalService approvals) {
		this.approvals = approvals;
	}

	@GetMapping("/approvals")
	String list(Authentication human, Model model) {
		model.addAttribute("approvals", this.approvals.pendingFor(human.getName(), roles(human)));
		model.addAttribute("human", human.getName());
		model.addAttribute("admin", roles(human).contains("admin"));
		return "approvals";
	}

	@GetMapping("/approvals/{id}")
	String show(@PathVariable String id, Authentication human, Model model) {
		Approval approval = this.approvals.visibleTo(id, human.getName(), roles(human))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("approval", approval);
		model.addAttribute("human", human.getName());
		return "approval";
	}

	@PostMapping("/approvals/{id}/approve")
	String approve(@PathVariable String id, Authentication human) {
		return decide(id, human, true);
	}

	@PostMapping("/approvals/{id}/deny")
	String deny(@PathVariable String id, Authentication human) {
		return decide(id, human, false);
	}

	private String decide(String id, Authentication human, boolean approve) {
		if (!this.approvals.decide(id, human.getName(), roles(human), approve)) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "This approval is not yours to decide or no longer pending");
		}
		return "redirect:/approvals/" + id;
	}

	private static Set<String> roles(Authentication human) {
		return SessionRoles.of(human);
	}

}
