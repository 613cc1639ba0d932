package dev.unifiedauth.authserver.dpop;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * DPoP proof checking, bound from {@code unified-auth.dpop.*}.
 *
 * @param iatWindow how far a proof's {@code iat} may be from now, either way (RFC 9449 §4.3 (11), §11.1)
 * @param nonceLifetime how long a server nonce is accepted after it was issued (§8)
 * @param algorithms the proof algorithms accepted, also published as {@code dpop_signing_alg_values_supported}
 * (RFC 9449 §5.1); a subset of ES256/384/512, RS256/384/512, PS256/384/512 and EdDSA (Ed25519)
 */
@ConfigurationProperties("unified-auth.dpop")
public record DPoPProperties(@DefaultValue("60s") Duration iatWindow, @DefaultValue("5m") Duration nonceLifetime,
		@DefaultValue({ "ES256", "PS256", "RS256", "EdDSA" }) List<String> algorithms) {

	public DPoPProperties {
		algorithms = List.copyOf(algorithms);
	}

}
