package dev.unifiedauth.authserver.authorize;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import dev.unifiedauth.authserver.accounts.RoleGrants;
import dev.unifiedauth.authserver.resources.ResourceScope;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AuthorizationCodeRequestAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Parses an authorization request with Spring's converter and, once a human is logged in, keeps only the
 * resource scopes ({@code resource:action}) that the human's roles grant: the code, the consent page and the
 * token all carry "what the client asked for ∩ what the human may do". Narrowing rather than refusing is what
 * RFC 6749 §3.3 allows ("the authorization server MAY fully or partially ignore the scope requested"); the
 * token response then names the issued scope. Identity scopes ({@code openid}, {@code profile}, ...) are left
 * to the client's registration, and so are scopes the client is not registered for: those stay in the request
 * so that Spring's validator answers {@code invalid_scope} (OAuth 2.1 §4.1.2.1). Runs before login too (the
 * request is validated before the login page is shown); then it does not narrow, and the request is parsed
 * again after login.
 */
public final class RoleScopedAuthorizationRequestConverter implements AuthenticationConverter {

	private final AuthenticationConverter delegate = new OAuth2AuthorizationCodeRequestAuthenticationConverter();

	private final RoleGrants roleGrants;

	private final RegisteredClientRepository clients;

	public RoleScopedAuthorizationRequestConverter(RoleGrants roleGrants, RegisteredClientRepository clients) {
		this.roleGrants = roleGrants;
		this.clients = clients;
	}

	@Override
	public Authentication convert(HttpServletRequest request) {
		Authentication converted = this.delegate.convert(request);
		if (!(converted instanceof OAuth2AuthorizationCodeRequestAuthenticationToken authorizationRequest)
				|| !(authorizationRequest.getPrincipal() instanceof UsernamePasswordAuthenticationToken human)
				|| !human.isAuthenticated()) {
			return converted;
		}
		RegisteredClient client = this.clients.findByClientId(authorizationRequest.getClientId());
		if (client == null) {
			return converted;
		}
		Set<String> granted = this.roleGrants.scopesFor(roles(human));
		Set<String> narrowed = new LinkedHashSet<>();
		for (String scope : authorizationRequest.getScopes()) {
			boolean narrowable = client.getScopes().contains(scope) && ResourceScope.parse(scope).isPresent();
			if (!narrowable || granted.contains(scope)) {
				narrowed.add(scope);
			}
		}
		if (narrowed.size() == authorizationRequest.getScopes().size()) {
			return converted;
		}
		OAuth2AuthorizationCodeRequestAuthenticationToken result = new OAuth2AuthorizationCodeRequestAuthenticationToken(
				authorizationRequest.getAuthorizationUri(), authorizationRequest.getClientId(), human,
				authorizationRequest.getRedirectUri(), authorizationRequest.getState(), narrowed,
				authorizationRequest.getAdditionalParameters());
		result.setDetails(authorizationRequest.getDetails());
		return result;
	}

	static Set<String> roles(Authentication human) {
		return human.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority.startsWith("ROLE_"))
			.map((authority) -> authority.substring("ROLE_".length()))
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

}
