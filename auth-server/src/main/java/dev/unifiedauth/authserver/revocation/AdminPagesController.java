package dev.unifiedauth.authserver.revocation;

import java.util.List;

import dev.unifiedauth.authserver.accounts.SessionRoles;
import dev.unifiedauth.authserver.accounts.UserAccounts;
import dev.unifiedauth.authserver.clients.ClientSettingNames;
import dev.unifiedauth.authserver.clients.EnabledClients;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrators' page: accounts and clients, each with a switch to disable it (which also stops every token
 * already issued for that human or naming that client) or enable it again. Only for the {@code admin} role; forms
 * are CSRF-protected.
 */
@Controller
final class AdminPagesController {

	private static final int SHOWN = 200;

	private final UserAccounts accounts;

	private final EnabledClients clients;

	private final JdbcTemplate jdbc;

	private final Suspensions suspensions;

	AdminPagesController(UserAccounts accounts, EnabledClients clients, JdbcTemplate jdbc, Suspensions suspensions) {
		this.accounts = accounts;
		this.clients = clients;
		this.jdbc = jdbc;
		this.suspensions = suspensions;
	}

	@GetMapping("/admin")
	String page(Authentication human, Model model) {
		requireAdmin(human);
		List<ClientRow> clientRows = this.jdbc
			.queryForList("SELECT client_id FROM oauth2_registered_client ORDER BY client_id FETCH FIRST ? ROWS ONLY",
					String.class, SHOWN)
			.stream()
			.map(this.clients::findIncludingDisabled)
			.filter((client) -> client != null)
			.map((client) -> new ClientRow(client.getClientId(), client.getClientName(),
					ClientSettingNames.isAgent(client.getClientSettings()),
					!ClientSettingNames.isDisabled(client.getClientSettings())))
			.toList();
		model.addAttribute("accounts", this.accounts.list(SHOWN));
		model.addAttribute("clients", clientRows);
		model.addAttribute("human", human.getName());
		return "admin";
	}

	@PostMapping("/admin/accounts/{id}/disable")
	String disableAccount(@PathVariable String id, Authentication human, RedirectAttributes redirect) {
		requireAdmin(human);
		return done(this.suspensions.disableAccount(id, human.getName()), "Disabled account " + id, redirect);
	}

	@PostMapping("/admin/accounts/{id}/enable")
	String enableAccount(@PathVariable String id, Authentication human, RedirectAttributes redirect) {
		requireAdmin(human);
		return done(this.suspensions.enableAccount(id, human.getName()), "Enabled account " + id, redirect);
	}

	@PostMapping("/admin/clients/{clientId}/disable")
	String disableClient(@PathVariable String clientId, Authentication human, RedirectAttributes redirect) {
		requireAdmin(human);
		return done(this.suspensions.disableClient(clientId, human.getName()), "Disabled client " + clientId,
				redirect);
	}

	@PostMapping("/admin/clients/{clientId}/enable")
	String enableClient(@PathVariable String clientId, Authentication human, RedirectAttributes redirect) {
		requireAdmin(human);
		return done(this.suspensions.enableClient(clientId, human.getName()), "Enabled client " + clientId,
				redirect);
	}

	private static String done(boolean changed, String message, RedirectAttributes redirect) {
		redirect.addFlashAttribute("message", changed ? message : "Nothing changed");
		return "redirect:/admin";
	}

	private static void requireAdmin(Authentication human) {
		if (!SessionRoles.isAdmin(human)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN);
		}
	}

	/**
	 * One client on the page.
	 *
	 * @param clientId its id
	 * @param name its display name
	 * @param agent whether it is an agent
	 * @param enabled whether it may authenticate
	 */
	record ClientRow(String clientId, String name, boolean agent, boolean enabled) {

	}

}
