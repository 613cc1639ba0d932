package dev.unifiedauth.authserver.testing;

/**
 * The databases the server supports, each with its own Flyway migrations
 * ({@code db/migration/{vendor}}, as {@code spring.flyway.locations} says).
 */
public enum DatabaseVendor {

	H2("h2", "H2"), POSTGRESQL("postgresql", "PostgreSQL");

	private final String id;

	private final String displayName;

	DatabaseVendor(String id, String displayName) {
		this.id = id;
		this.displayName = displayName;
	}

	/** The Flyway location of this vendor's migrations. */
	public String migrations() {
		return "classpath:db/migration/" + this.id;
	}

	@Override
	public String toString() {
		return this.displayName;
	}

}
