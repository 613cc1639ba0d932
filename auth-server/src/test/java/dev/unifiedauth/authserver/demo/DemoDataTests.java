package dev.unifiedauth.authserver.demo;

import java.time.Duration;

import dev.unifiedauth.authserver.clients.ClientSettingNames;
import dev.unifiedauth.authserver.testing.AuthServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo seed (docs/demo-data.md): the two agents with every agent default, and the backend that may delegate
 * to them.
 */
@AuthServerTest
final class DemoDataTests {

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	PasswordEncoder clientSecrets;

	@ParameterizedTest
	@ValueSource(strings = { DemoData.SCHEDULING_AGENT_ID, DemoData.ANALYSIS_AGENT_ID })
	void seedWhenDemoProfileThenAgentsAreDPoPBoundFiveMinuteClientsWithEveryResourceScope(String clientId) {
		RegisteredClient agent = this.clients.findByClientId(clientId);

		assertThat(agent).isNotNull();
		assertThat(ClientSettingNames.isAgent(agent.getClientSettings())).isTrue();
		assertThat(ClientSettingNames.requiresDPoP(agent.getClientSettings())).isTrue();
		assertThat(ClientSettingNames.requiresDPoPNonce(agent.getClientSettings())).isTrue();
		assertThat(agent.getAuthorizationGrantTypes()).containsExactlyInAnyOrder(
				AuthorizationGrantType.CLIENT_CREDENTIALS, AuthorizationGrantType.TOKEN_EXCHANGE);
		assertThat(agent.getClientAuthenticationMethods()).containsExactlyInAnyOrder(
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC, ClientAuthenticationMethod.CLIENT_SECRET_POST);
		assertThat(agent.getTokenSettings().getAccessTokenTimeToLive()).isEqualTo(Duration.ofMinutes(5));
		assertThat(agent.getScopes()).containsExactlyInAnyOrderElementsOf(DemoData.RESOURCE_SCOPES);
		assertThat(agent.getRedirectUris()).isEmpty();
	}

	@Test
	void seedWhenDemoProfileThenEachAgentHasItsDocumentedSecret() {
		assertThat(this.clientSecrets.matches(DemoData.SCHEDULING_AGENT_SECRET,
				this.clients.findByClientId(DemoData.SCHEDULING_AGENT_ID).getClientSecret()))
			.isTrue();
		assertThat(this.clientSecrets.matches(DemoData.ANALYSIS_AGENT_SECRET,
				this.clients.findByClientId(DemoData.ANALYSIS_AGENT_ID).getClientSecret()))
			.isTrue();
		assertThat(this.clientSecrets.matches(DemoData.SCHEDULING_AGENT_SECRET,
				this.clients.findByClientId(DemoData.ANALYSIS_AGENT_ID).getClientSecret()))
			.isFalse();
	}

	@Test
	void seedWhenDemoProfileThenTheBackendMayDelegateAndIsNoAgent() {
		RegisteredClient backend = this.clients.findByClientId(DemoData.BACKEND_CLIENT_ID);

		assertThat(backend.getAuthorizationGrantTypes()).contains(AuthorizationGrantType.TOKEN_EXCHANGE,
				AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.CLIENT_CREDENTIALS);
		assertThat(ClientSettingNames.isAgent(backend.getClientSettings())).isFalse();
		assertThat(ClientSettingNames.isAgent(this.clients.findByClientId(DemoData.WEB_CLIENT_ID).getClientSettings()))
			.isFalse();
	}

}
