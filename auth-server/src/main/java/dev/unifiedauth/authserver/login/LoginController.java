package dev.unifiedauth.authserver.login;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Renders the login page; Spring Security's form login processes the POST.
 */
@Controller
final class LoginController {

	@GetMapping("/login")
	String login(@RequestParam(required = false) String error, @RequestParam(required = false) String locked,
			@RequestParam(required = false) String disabled, @RequestParam(required = false) String logout,
			Model model) {
		if (locked != null) {
			model.addAttribute("message", "Too many failed attempts for this account. Try again in a few minutes.");
		}
		else if (disabled != null) {
			model.addAttribute("message", "This account is disabled.");
		}
		else if (error != null) {
			model.addAttribute("message", "Invalid email or password.");
		}
		model.addAttribute("loggedOut", logout != null);
		return "login";
	}

}
