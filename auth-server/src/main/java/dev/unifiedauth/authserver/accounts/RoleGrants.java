package dev.unifiedauth.authserver.accounts;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What each role grants a human, as {@code resource:action} scopes ({@code role_scope}). Thread-safe.
 */
@Component
public final class RoleGrants {

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	RoleGrants(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
	}

	/** The union of the scopes granted by {@code roles}. */
	public Set<String> scopesFor(Collection<String> roles) {
		if (roles.isEmpty()) {
			return Set.of();
		}
		return new TreeSet<>(this.named.queryForList("SELECT DISTINCT scope FROM role_scope WHERE role IN (:roles)",
				new MapSqlParameterSource("roles", roles), String.class));
	}

	/** Grants {@code scopes} to {@code role}; granting what is already granted (by anyone) is a no-op. */
	public void grant(String role, Collection<String> scopes) {
		for (String scope : scopes) {
			Integer existing = this.jdbc.queryForObject("SELECT COUNT(*) FROM role_scope WHERE role = ? AND scope = ?",
					Integer.class, role, scope);
			if (existing == null || existing == 0) {
				try {
					this.jdbc.update("INSERT INTO role_scope (role, scope) VALUES (?, ?)", role, scope);
				}
				catch (DuplicateKeyException ex) {
					// granted concurrently by another node
				}
			}
		}
	}

}
