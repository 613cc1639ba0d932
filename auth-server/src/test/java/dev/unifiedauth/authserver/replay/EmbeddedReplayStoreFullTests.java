package dev.unifiedauth.authserver.replay;

import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.ClientRequests;
import dev.unifiedauth.authserver.testing.DPoPProofs;
import dev.unifiedauth.core.replay.EmbeddedReplayStore;
import dev.unifiedauth.core.replay.ReplayStore;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertBearerTokenResponse;
import static dev.unifiedauth.authserver.testing.OAuthAssertions.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full embedded replay store refuses DPoP requests with 503 instead of forgetting a live proof (security-cases
 * pinned rule 3, H04): accepted proofs stay refused as replays, and requests without a proof still work.
 */
@AuthServerTest
@TestPropertySource(properties = "unified-auth.replay-store.max-entries=2")
final class EmbeddedReplayStoreFullTests {

	@Value("${unified-auth.issuer}")
	String issuer;

	@Autowired
	ReplayStore replayStore;

	@Test
	void tokenWhenReplayStoreFullThenTemporarilyUnavailableAndNothingForgotten() {
		ClientRequests backend = ClientRequests.backend(this.issuer);
		String first = DPoPProofs.tokenRequest(this.issuer).build();
		String second = DPoPProofs.tokenRequest(this.issuer).build();

		assertThat(this.replayStore).isInstanceOf(EmbeddedReplayStore.class);
		assertThat(request(backend, first).statusCode()).isEqualTo(200);
		assertThat(request(backend, second).statusCode()).isEqualTo(200);
		assertOAuthError(request(backend, DPoPProofs.tokenRequest(this.issuer).build()), 503, "temporarily_unavailable");
		assertOAuthError(request(backend, first), 400, "invalid_dpop_proof");
		assertBearerTokenResponse(backend.clientCredentials("documents:read"));
	}

	private static Response request(ClientRequests client, String proof) {
		return client.authenticated()
			.header(DPoPProofs.HEADER, proof)
			.formParam("grant_type", "client_credentials")
			.post("/oauth2/token");
	}

}
