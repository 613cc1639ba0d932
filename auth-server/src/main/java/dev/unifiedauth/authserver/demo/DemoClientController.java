package dev.unifiedauth.authserver.demo;

import java.util.List;

import dev.unifiedauth.authserver.UnifiedAuthProperties;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Serves the demo browser client: a public OAuth client written in plain JavaScript that runs the
 * authorization-code flow with PKCE S256 against this server and calls the demo resource server with the
 * access token. It is a client like any other; it only happens to be served from here.
 */
@Controller
@Profile("demo")
final class DemoClientController {

	private final UnifiedAuthProperties properties;

	DemoClientController(UnifiedAuthProperties properties) {
		this.properties = properties;
	}

	@GetMapping("/demo")
	String start(Model model) {
		addClientSettings(model);
		return "demo";
	}

	@GetMapping("/demo/callback")
	String callback(Model model) {
		addClientSettings(model);
		return "demo-callback";
	}

	private void addClientSettings(Model model) {
		List<String> resourceServers = this.properties.resourceServers()
			.stream()
			.map(UnifiedAuthProperties.ResourceServer::identifier)
			.toList();
		model.addAttribute("issuer", this.properties.issuer());
		model.addAttribute("clientId", DemoData.WEB_CLIENT_ID);
		model.addAttribute("redirectUri", this.properties.issuer() + "/demo/callback");
		model.addAttribute("scope", "openid profile documents:read documents:create documents:update");
		model.addAttribute("resourceServer", resourceServers.isEmpty() ? "" : resourceServers.get(0));
	}

}
