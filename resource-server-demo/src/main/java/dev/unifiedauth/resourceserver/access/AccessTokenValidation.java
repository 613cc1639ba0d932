package dev.unifiedauth.resourceserver.access;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.unifiedauth.resourceserver.ResourceServerProperties;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Builds the JWT decoder of the resource server, following RFC 9068 §4: the header {@code typ} must be
 * {@code at+jwt} (so that ID tokens, DPoP proofs or logout tokens are never accepted as access tokens), the
 * signature must verify with an ES256 key from the authorization server's JWKS (RFC 8725 §3.1: the algorithm is
 * fixed, never taken from the token), {@code iss} must match exactly, {@code aud} must contain this server's
 * resource identifier, {@code exp}/{@code nbf} are checked with a bounded skew, and {@code sub},
 * {@code client_id}, {@code iat}, {@code exp} and {@code jti} must be present.
 */
public final class AccessTokenValidation {

	static final List<String> REQUIRED_CLAIMS = List.of("sub", "client_id", "iat", "exp", "jti");

	private static final MappedJwtClaimSetConverter DEFAULT_CLAIM_MAPPING = MappedJwtClaimSetConverter
		.withDefaults(Map.of());

	private AccessTokenValidation() {
	}

	public static JwtDecoder decoder(ResourceServerProperties properties) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.effectiveJwkSetUri())
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.build();
		decoder.setJwtValidator(validator(properties));
		decoder.setClaimSetConverter(AccessTokenValidation::withoutInventedIssuedAt);
		return decoder;
	}

	/**
	 * Spring's claim mapping invents {@code iat = exp - 1s} when a token has none; RFC 9068 §2.2 requires the
	 * token to carry it, so the invented value is removed again and the required-claims check sees the truth.
	 */
	private static Map<String, Object> withoutInventedIssuedAt(Map<String, Object> claims) {
		Map<String, Object> mapped = new HashMap<>(DEFAULT_CLAIM_MAPPING.convert(claims));
		if (claims.get("iat") == null) {
			mapped.remove("iat");
		}
		return mapped;
	}

	static OAuth2TokenValidator<Jwt> validator(ResourceServerProperties properties) {
		return new DelegatingOAuth2TokenValidator<>(new JwtTypeValidator(List.of("at+jwt", "application/at+jwt")),
				new JwtTimestampValidator(properties.clockSkew()), new JwtIssuerValidator(properties.issuer()),
				new JwtAudienceValidator(properties.identifier()), AccessTokenValidation::requiredClaims);
	}

	private static OAuth2TokenValidatorResult requiredClaims(Jwt jwt) {
		for (String claim : REQUIRED_CLAIMS) {
			if (jwt.getClaims().get(claim) == null) {
				return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
						"The access token lacks the " + claim + " claim (RFC 9068 §2.2)", null));
			}
		}
		return OAuth2TokenValidatorResult.success();
	}

}
