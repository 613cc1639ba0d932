package dev.unifiedauth.authserver.testing;

/**
 * The demo identities and clients seeded by the demo profile (docs/demo-data.md).
 */
public final class DemoClients {

	public static final String ALICE_EMAIL = "alice@example.com";

	public static final String ALICE_PASSWORD = "alice-password";

	public static final String ALICE_ID = "usr-alice-001";

	public static final String BOB_EMAIL = "bob@example.com";

	public static final String BOB_PASSWORD = "bob-password";

	public static final String BOB_ID = "usr-bob-002";

	public static final String WEB = "demo-web";

	public static final String BACKEND = "demo-backend";

	public static final String BACKEND_SECRET = "demo-backend-secret";

	public static final String SCHEDULING_AGENT = "scheduling-agent-001";

	public static final String SCHEDULING_AGENT_SECRET = "scheduling-agent-secret";

	public static final String ANALYSIS_AGENT = "analysis-agent-002";

	public static final String ANALYSIS_AGENT_SECRET = "analysis-agent-secret";

	/** The initial access token for client registration that the demo profile configures (application-demo.yml). */
	public static final String INITIAL_ACCESS_TOKEN = "demo-initial-access-token";

	public static final String LOOPBACK_REDIRECT = "http://127.0.0.1/callback";

	public static final String RESOURCE_SERVER = "http://localhost:8081";

	private DemoClients() {
	}

}
