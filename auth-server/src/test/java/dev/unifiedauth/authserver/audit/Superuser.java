package dev.unifiedauth.authserver.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import dev.unifiedauth.authserver.testing.DatabaseVendor;
import dev.unifiedauth.authserver.testing.TestDatabase;

/**
 * A malicious DBA: runs statements past the append-only triggers. On PostgreSQL as a superuser with
 * {@code SET session_replication_role = replica} (ordinary triggers do not fire; setting it needs superuser); on
 * H2 by dropping the triggers and creating them again afterwards (H2 cannot disable a trigger for one session).
 */
final class Superuser {

	private static final String[] H2_TRIGGERS = {
			"CREATE TRIGGER audit_event_append_only BEFORE UPDATE, DELETE ON audit_event FOR EACH ROW"
					+ " CALL 'dev.unifiedauth.authserver.audit.AppendOnlyTrigger'",
			"CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE, DELETE ON audit_checkpoint FOR EACH ROW"
					+ " CALL 'dev.unifiedauth.authserver.audit.AppendOnlyTrigger'" };

	private Superuser() {
	}

	static void run(TestDatabase database, String... statements) {
		try (Connection connection = database.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			if (database.vendor() == DatabaseVendor.POSTGRESQL) {
				statement.execute("SET session_replication_role = replica");
				try {
					for (String sql : statements) {
						statement.execute(sql);
					}
				}
				finally {
					statement.execute("SET session_replication_role = origin");
				}
			}
			else {
				statement.execute("DROP TRIGGER audit_event_append_only");
				statement.execute("DROP TRIGGER audit_checkpoint_append_only");
				try {
					for (String sql : statements) {
						statement.execute(sql);
					}
				}
				finally {
					for (String sql : H2_TRIGGERS) {
						statement.execute(sql);
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("tampering failed: " + ex.getMessage(), ex);
		}
	}

}
