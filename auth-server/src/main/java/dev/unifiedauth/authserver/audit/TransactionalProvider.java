package dev.unifiedauth.authserver.audit;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a provider in one transaction, so that the audit entries recorded while it runs commit with what it
 * stores, or roll back with it (an entry that cannot be written rolls back the operation). For Spring's providers
 * that store without a transaction of their own (client credentials). Thread-safe if the provider is.
 */
public final class TransactionalProvider implements AuthenticationProvider {

	private final AuthenticationProvider delegate;

	private final TransactionTemplate transactions;

	public TransactionalProvider(AuthenticationProvider delegate, TransactionTemplate transactions) {
		this.delegate = delegate;
		this.transactions = transactions;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		return this.transactions.execute((status) -> this.delegate.authenticate(authentication));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
