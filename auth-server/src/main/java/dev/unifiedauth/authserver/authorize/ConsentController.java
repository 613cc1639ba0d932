package dev.unifiedauth.authserver.authorize;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The consent page Spring's authorization endpoint redirects to. It lists what the client asks for (already
 * narrowed to what the human's roles grant) and posts the decision back to the authorization endpoint with the
 * consent {@code state} and the session's CSRF token.
 */
@Controller
final class ConsentController {

	private final RegisteredClientRepository clients;

	private final OAuth2AuthorizationConsentService consents;

	ConsentController(RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents) {
		this.clients = clients;
		this.consents = consents;
	}

	@GetMapping("/oauth2/consent")
	String consent(Principal principal, @RequestParam("client_id") String clientId,
			@RequestParam(name = "scope", defaultValue = "") String scope, @RequestParam("state") String state,
			Model model) {
		RegisteredClient client = this.clients.findByClientId(clientId);
		if (client == null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown client");
		}
		OAuth2AuthorizationConsent previous = this.consents.findById(client.getId(), principal.getName());
		Set<String> alreadyApproved = (previous != null) ? previous.getScopes() : Set.of();
		List<ScopeView> toApprove = new ArrayList<>();
		List<ScopeView> approved = new ArrayList<>();
		for (String requested : new LinkedHashSet<>(Arrays.asList(scope.split(" ")))) {
			if (requested.isBlank() || "openid".equals(requested)) {
				continue; // openid needs no consent (OpenID Connect Core §3.1.2.4); Spring adds it back
			}
			ScopeView view = new ScopeView(requested, ScopeDescriptions.describe(requested));
			(alreadyApproved.contains(requested) ? approved : toApprove).add(view);
		}
		model.addAttribute("clientId", clientId);
		model.addAttribute("clientName", client.getClientName());
		model.addAttribute("state", state);
		model.addAttribute("scopes", toApprove);
		model.addAttribute("approvedScopes", approved);
		model.addAttribute("principalName", principal.getName());
		return "consent";
	}

	/** One scope on the consent page. */
	record ScopeView(String value, String description) {
	}

}
