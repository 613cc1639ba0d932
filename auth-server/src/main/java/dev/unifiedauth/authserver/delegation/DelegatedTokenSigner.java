package dev.unifiedauth.authserver.delegation;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import dev.unifiedauth.core.token.DelegationClaims;
import dev.unifiedauth.core.token.DelegationGrant;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * Signs agent access tokens: RFC 9068 JWTs ({@code typ: at+jwt}, ES256, {@code kid} of the active key) whose
 * {@code sub} is the human, {@code client_id} the agent holding it, {@code act} the actor chain, {@code cnf.jkt}
 * the agent's DPoP key (RFC 9449 §6.1) and {@code task_id} the task. One signature. Thread-safe.
 */
public final class DelegatedTokenSigner {

	private final JwtEncoder encoder;

	private final String issuer;

	public DelegatedTokenSigner(JwtEncoder encoder, String issuer) {
		this.encoder = encoder;
		this.issuer = issuer;
	}

	String sign(DelegationGrant grant, String jti, String clientId, String jkt, Instant issuedAt) {
		Map<String, Object> claims = grant.toClaims();
		claims.put("iss", this.issuer);
		claims.put("iat", issuedAt);
		claims.put("nbf", issuedAt);
		claims.put("exp", grant.expiresAt());
		claims.put("jti", jti);
		claims.put("client_id", clientId); // RFC 9068 §2.2: the client the token was issued to
		Map<String, Object> confirmation = new HashMap<>();
		confirmation.put("jkt", jkt);
		claims.put(DelegationClaims.CNF, confirmation);
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.ES256).type("at+jwt").build();
		JwtClaimsSet claimSet = JwtClaimsSet.builder().claims((all) -> all.putAll(claims)).build();
		return this.encoder.encode(JwtEncoderParameters.from(header, claimSet)).getTokenValue();
	}

}
