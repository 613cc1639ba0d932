package dev.unifiedauth.authserver.audit;

import java.sql.Connection;
import java.sql.SQLException;

import dev.unifiedauth.authserver.testing.DatabaseVendor;
import org.h2.api.Trigger;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes every INSERT into {@code audit_event} fail, as a revoked INSERT privilege or a full disk would (security
 * case F09): a {@code BEFORE INSERT} trigger that throws. On H2 this class is that trigger.
 */
public final class FailingAuditInsert implements Trigger {

	public FailingAuditInsert() {
	}

	public static void install(JdbcTemplate jdbc, DatabaseVendor vendor) {
		if (vendor == DatabaseVendor.POSTGRESQL) {
			jdbc.execute("CREATE FUNCTION fail_audit_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
					+ " RAISE EXCEPTION 'permission denied for table audit_event' USING ERRCODE = 'insufficient_privilege';"
					+ " END; $$");
			jdbc.execute("CREATE TRIGGER fail_audit_insert BEFORE INSERT ON audit_event FOR EACH ROW"
					+ " EXECUTE FUNCTION fail_audit_insert()");
		}
		else {
			jdbc.execute("CREATE TRIGGER fail_audit_insert BEFORE INSERT ON audit_event FOR EACH ROW CALL '"
					+ FailingAuditInsert.class.getName() + "'");
		}
	}

	public static void remove(JdbcTemplate jdbc, DatabaseVendor vendor) {
		if (vendor == DatabaseVendor.POSTGRESQL) {
			jdbc.execute("DROP TRIGGER fail_audit_insert ON audit_event");
			jdbc.execute("DROP FUNCTION fail_audit_insert()");
		}
		else {
			jdbc.execute("DROP TRIGGER fail_audit_insert");
		}
	}

	@Override
	public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
		throw new SQLException("permission denied for table audit_event", "42501");
	}

}
