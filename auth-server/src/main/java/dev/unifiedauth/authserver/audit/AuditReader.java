package dev.unifiedauth.authserver.audit;

import java.util.Optional;

import dev.unifiedauth.authserver.accounts.UserAccount;
import dev.unifiedauth.authserver.accounts.UserAccounts;
import dev.unifiedauth.authserver.delegation.DelegationRefusal;
import dev.unifiedauth.authserver.delegation.PresentedToken;
import dev.unifiedauth.authserver.delegation.PresentedTokens;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who reads the trail, and so what they see: an administrator every entry, any other human the entries whose
 * chain starts with them (the chains they are the root of). Immutable.
 *
 * @param human the human's id
 * @param admin whether they hold the {@code admin} role
 */
record AuditReader(String human, boolean admin) {

	static final String ADMIN_ROLE = "admin";

	/** The {@code root} of a query by this reader: nobody's for an administrator, else their own. */
	String root() {
		return this.admin ? null : this.human;
	}

	/**
	 * The reader an access token stands for: a human's own current token (not an agent's, whose {@code act}
	 * shows it acts for someone else; not a client's), of an enabled account. Roles are the account's now, not
	 * the ones in the token.
	 */
	static Optional<AuditReader> ofAccessToken(String token, PresentedTokens tokens, UserAccounts accounts) {
		PresentedToken presented;
		try {
			presented = tokens.verify(token, "token");
		}
		catch (DelegationRefusal ex) {
			return Optional.empty();
		}
		if (presented.kind() != PresentedToken.Kind.HUMAN) {
			return Optional.empty();
		}
		return accounts.findById(presented.grant().subject())
			.filter(UserAccount::enabled)
			.map((account) -> new AuditReader(account.id(), account.roles().contains(ADMIN_ROLE)));
	}

	/** The reader a browser session stands for (login, {@code ROLE_<name>} authorities). */
	static AuditReader ofSession(Authentication human) {
		boolean admin = false;
		for (GrantedAuthority authority : human.getAuthorities()) {
			admin |= ("ROLE_" + ADMIN_ROLE).equals(authority.getAuthority());
		}
		return new AuditReader(human.getName(), admin);
	}

}
