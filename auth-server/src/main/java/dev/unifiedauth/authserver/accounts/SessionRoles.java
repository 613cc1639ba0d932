package dev.unifiedauth.authserver.accounts;

import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The roles of a human signed in to this server's pages ({@code ROLE_} authorities of the login session).
 */
public final class SessionRoles {

	public static final String ADMIN = "admin";

	private SessionRoles() {
	}

	public static Set<String> of(Authentication human) {
		Set<String> roles = new TreeSet<>();
		for (GrantedAuthority authority : human.getAuthorities()) {
			String name = authority.getAuthority();
			if (name != null && name.startsWith("ROLE_")) {
				roles.add(name.substring("ROLE_".length()));
			}
		}
		return roles;
	}

	public static boolean isAdmin(Authentication human) {
		return of(human).contains(ADMIN);
	}

}
