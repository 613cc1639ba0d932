package dev.unifiedauth.authserver.audit;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.api.Trigger;

/**
 * The H2 trigger that keeps audit tables append-only (security case F06): every {@code UPDATE} and
 * {@code DELETE} of a row is refused with SQLSTATE {@code 42501} (insufficient privilege), whoever asks. Created by
 * migration {@code V11__audit_append_only.sql}, which names this class: it must stay public, with this name and a
 * public no-argument constructor. The PostgreSQL migration uses a PL/pgSQL trigger instead. Thread-safe.
 */
public final class AppendOnlyTrigger implements Trigger {

	private volatile String table = "?";

	public AppendOnlyTrigger() {
	}

	@Override
	public void init(Connection connection, String schemaName, String triggerName, String tableName, boolean before,
			int type) {
		this.table = tableName;
	}

	@Override
	public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
		throw new SQLException("The audit trail is append-only: " + ((newRow != null) ? "UPDATE" : "DELETE") + " on "
				+ this.table + " refused", "42501");
	}

}
