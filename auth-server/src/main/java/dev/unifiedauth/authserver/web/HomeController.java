package dev.unifiedauth.authserver.web;

import java.security.Principal;

import dev.unifiedauth.authserver.UnifiedAuthProperties;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The home page: what this server is, its discovery documents and, with the demo profile, the demo client.
 */
@Controller
final class HomeController {

	private final UnifiedAuthProperties properties;

	private final Environment environment;

	HomeController(UnifiedAuthProperties properties, Environment environment) {
		this.properties = properties;
		this.environment = environment;
	}

	@GetMapping("/")
	String home(Principal principal, Model model) {
		model.addAttribute("issuer", this.properties.issuer());
		model.addAttribute("user", (principal != null) ? principal.getName() : null);
		model.addAttribute("demo", this.environment.acceptsProfiles(Profiles.of("demo")));
		return "index";
	}

}
