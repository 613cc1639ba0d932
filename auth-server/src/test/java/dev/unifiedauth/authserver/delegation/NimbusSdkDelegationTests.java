package dev.unifiedauth.authserver.delegation;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.unifiedauth.authserver.testing.AuthServerTest;
import dev.unifiedauth.authserver.testing.Delegations;
import dev.unifiedauth.authserver.testing.Jwts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two-hop delegation driven by the Nimbus OAuth 2.0 SDK, unmodified: its client-credentials and
 * token-exchange grants, its DPoP proof factory, and the RFC 9449 nonce retry it supports.
 */
@AuthServerTest
class NimbusSdkDelegationTests {

	@Value("${unified-auth.issuer}")
	String issuer;

	@Test
	void delegationWhenDrivenByTheNimbusSdkThenTheTwoHopChainIsIssued() throws Exception {
		URI tokenEndpoint = URI.create(this.issuer + "/oauth2/token");
		String alice = new Delegations(this.issuer).aliceToken(Delegations.ALL_ALICE_SCOPES);
		ECKey schedulingKey = new ECKeyGenerator(Curve.P_256).generate();
		ECKey analysisKey = new ECKeyGenerator(Curve.P_256).generate();
		AccessToken schedulingIdentity = identity(tokenEndpoint, "scheduling-agent-001", "scheduling-agent-secret",
				schedulingKey);
		AccessToken analysisIdentity = identity(tokenEndpoint, "analysis-agent-002", "analysis-agent-secret",
				analysisKey);

		TokenRequest delegate = new TokenRequest.Builder(tokenEndpoint,
				new ClientSecretBasic(new ClientID("demo-backend"), new Secret("demo-backend-secret")),
				new TokenExchangeGrant(new TypelessAccessToken(alice), TokenTypeURI.ACCESS_TOKEN, schedulingIdentity,
						TokenTypeURI.ACCESS_TOKEN, null, List.of(new Audience("documents"))))
			.customParameter("task_id", "task-abc")
			.build();
		AccessTokenResponse scheduling = TokenResponse.parse(delegate.toHTTPRequest().send()).toSuccessResponse();
		AccessToken schedulingToken = scheduling.getTokens().getAccessToken();
		assertThat(schedulingToken.getType()).isEqualTo(AccessTokenType.DPOP);
		assertThat(schedulingToken.getIssuedTokenType()).isEqualTo(TokenTypeURI.ACCESS_TOKEN);

		AccessTokenResponse analysis = sendWithNonce(schedulingKey, tokenEndpoint,
				(nonce) -> new TokenRequest.Builder(tokenEndpoint,
						new ClientSecretBasic(new ClientID("scheduling-agent-001"), new Secret("scheduling-agent-secret")),
						new TokenExchangeGrant(schedulingToken, TokenTypeURI.ACCESS_TOKEN, analysisIdentity,
								TokenTypeURI.ACCESS_TOKEN, null, null))
					.customParameter("read_only", "true")
					.build()
					.toHTTPRequest());

		Map<String, Object> claims = Jwts.claims(analysis.getTokens().getAccessToken().getValue());
		assertThat(claims).containsEntry("sub", "usr-alice-001")
			.containsEntry("act", Map.of("sub", "analysis-agent-002", "act", Map.of("sub", "scheduling-agent-001")))
			.containsEntry("task_id", "task-abc")
			.containsEntry("scope", "documents:read")
			.containsEntry("cnf", Map.of("jkt", analysisKey.toPublicJWK().computeThumbprint().toString()));
	}

	/** An agent's identity token through the SDK's client-credentials grant, with a DPoP proof. */
	private AccessToken identity(URI tokenEndpoint, String clientId, String secret, ECKey key) throws Exception {
		return sendWithNonce(key, tokenEndpoint,
				(nonce) -> new TokenRequest.Builder(tokenEndpoint,
						new ClientSecretBasic(new ClientID(clientId), new Secret(secret)), new ClientCredentialsGrant())
					.build()
					.toHTTPRequest())
			.getTokens()
			.getAccessToken();
	}

	/** Sends with a DPoP proof; on {@code use_dpop_nonce} once more with the server's nonce (RFC 9449 §8). */
	private static AccessTokenResponse sendWithNonce(ECKey key, URI tokenEndpoint,
			Function<Nonce, HTTPRequest> request) throws Exception {
		DefaultDPoPProofFactory proofs = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);
		HTTPRequest first = request.apply(null);
		first.setDPoP(proofs.createDPoPJWT("POST", tokenEndpoint));
		HTTPResponse response = first.send();
		TokenResponse parsed = TokenResponse.parse(response);
		if (!parsed.indicatesSuccess()) {
			TokenErrorResponse error = parsed.toErrorResponse();
			assertThat(error.getErrorObject().getCode()).isEqualTo("use_dpop_nonce");
			HTTPRequest retry = request.apply(response.getDPoPNonce());
			retry.setDPoP(proofs.createDPoPJWT("POST", tokenEndpoint, response.getDPoPNonce()));
			parsed = TokenResponse.parse(retry.send());
		}
		TokenResponse outcome = parsed;
		assertThat(outcome.indicatesSuccess()).as(() -> outcome.toErrorResponse().getErrorObject().toString()).isTrue();
		return outcome.toSuccessResponse();
	}

}
