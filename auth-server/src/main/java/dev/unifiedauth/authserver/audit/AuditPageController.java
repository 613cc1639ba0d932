package dev.unifiedauth.authserver.audit;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The audit trail as a page, behind the normal login: filters by actor, event type and task, newest first, one
 * page at a time. Administrators see every entry and may verify the trail; anyone else sees the chains rooted in
 * them.
 */
@Controller
final class AuditPageController {

	private final AuditTrail trail;

	private final AuditVerifier verifier;

	AuditPageController(AuditTrail trail, AuditVerifier verifier) {
		this.trail = trail;
		this.verifier = verifier;
	}

	@GetMapping("/audit")
	String page(Authentication human, @RequestParam(required = false) String actor,
			@RequestParam(required = false) String type, @RequestParam(required = false) String task,
			@RequestParam(defaultValue = "0") String page, Model model) {
		AuditReader reader = AuditReader.ofSession(human);
		AuditQuery query;
		try {
			query = new AuditQuery(reader.root(), actor, type, task, AuditApiController.number(page, "page"),
					AuditQuery.DEFAULT_SIZE, false);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		AuditTrail.Page found = this.trail.find(query);
		model.addAttribute("entries", found.entries());
		model.addAttribute("more", found.more());
		model.addAttribute("query", query);
		model.addAttribute("human", reader.human());
		model.addAttribute("admin", reader.admin());
		return "audit";
	}

	@GetMapping("/audit/verify")
	String verify(Authentication human, Model model) {
		AuditReader reader = AuditReader.ofSession(human);
		if (!reader.admin()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only an administrator may verify the audit trail");
		}
		model.addAttribute("verification", this.verifier.verify());
		return page(human, null, null, null, "0", model);
	}

}
