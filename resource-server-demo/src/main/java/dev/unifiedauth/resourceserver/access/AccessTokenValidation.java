package dev.unifiedauth.resourceserver.access;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.unifiedauth.resourceserver.ResourceServerProperties;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
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
 * {@code client_id}, {@code iat}, {@code exp} and {@code jti} must be present. Before any of that, the token must
 * be a compact JWS of three canonical base64url segments (RFC 7515 §2, §7.1: no padding, no other alphabet, so
 * that one token has one encoding) whose header and claims are UTF-8 (RFC 8725 §3.7), its dates must be JSON numbers
 * (RFC 7519 §2 NumericDate), never strings, and its identifiers strings without control characters.
 */
public final class AccessTokenValidation {

	static final List<String> REQUIRED_CLAIMS = List.of("sub", "client_id", "iat", "exp", "jti");

	/** NumericDate values beyond this (year 5138) are not times a token could be about. */
	private static final double MAX_NUMERIC_DATE = 1e11;

	private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");

	private static final MappedJwtClaimSetConverter DEFAULT_CLAIM_MAPPING = MappedJwtClaimSetConverter
		.withDefaults(Map.of());

	private AccessTokenValidation() {
	}

	public static JwtDecoder decoder(ResourceServerProperties properties) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.effectiveJwkSetUri())
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.build();
		decoder.setJwtValidator(validator(properties));
		decoder.setClaimSetConverter(AccessTokenValidation::strictClaims);
		return (token) -> decoder.decode(canonicalCompactJws(token));
	}

	/** RFC 7515 §7.1, §2 (base64url without padding): anything else is refused before it is parsed. */
	private static String canonicalCompactJws(String token) {
		String[] parts = token.split("\\.", -1);
		if (parts.length != 3) {
			throw new BadJwtException("The access token is not a compact JWS");
		}
		for (String part : parts) {
			if (!BASE64URL.matcher(part).matches() || !isCanonicalBase64Url(part)) {
				throw new BadJwtException("The access token is not canonical base64url");
			}
		}
		if (!isUtf8(parts[0]) || !isUtf8(parts[1])) {
			// RFC 8725 §3.7, RFC 8259 §8.1: a decoder that replaced the bad bytes would read another text
			throw new BadJwtException("The access token's header or claims are not UTF-8");
		}
		return token;
	}

	private static boolean isUtf8(String segment) {
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(Base64.getUrlDecoder().decode(segment)));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	/** No stray bits in the last character: one byte string, one encoding. */
	private static boolean isCanonicalBase64Url(String segment) {
		try {
			return Base64.getUrlEncoder().withoutPadding().encodeToString(Base64.getUrlDecoder().decode(segment))
				.equals(segment);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * RFC 7519 §2, §4.1: the dates are NumericDate JSON numbers (Spring would also take numeric strings) within a
	 * sane range, and the identifiers are strings. Then Spring's mapping, minus the {@code iat = exp - 1s} it
	 * invents when a token has none: RFC 9068 §2.2 requires the token to carry {@code iat}, so the required-claims
	 * check must see the truth.
	 */
	private static Map<String, Object> strictClaims(Map<String, Object> claims) {
		for (String date : List.of("exp", "nbf", "iat")) {
			Object value = claims.get(date);
			// Nimbus has read JSON numbers into Dates (and refused strings); huge values overflow to negative ones
			double seconds = (value instanceof Date parsed) ? parsed.getTime() / 1000.0
					: (value instanceof Number number) ? number.doubleValue() : Double.NaN;
			if (value != null && !(Double.isFinite(seconds) && seconds >= 0 && seconds <= MAX_NUMERIC_DATE)) {
				throw new BadJwtException("The " + date + " claim is not a NumericDate");
			}
		}
		for (String identifier : List.of("iss", "sub", "jti", "client_id", "task_id")) {
			Object value = claims.get(identifier);
			if (value != null && !(value instanceof String)) {
				throw new BadJwtException("The " + identifier + " claim is not a string");
			}
			if (value instanceof String text && hasControlCharacter(text)) {
				// an identifier with NUL or another control character would log, compare and store ambiguously
				throw new BadJwtException("The " + identifier + " claim holds a control character");
			}
		}
		// the actors of the chain are identifiers too (RFC 8693 §4.1), at every depth
		Object actor = claims.get("act");
		for (int depth = 0; actor instanceof Map<?, ?> act && depth < 64; depth++) {
			if (act.get("sub") instanceof String sub && hasControlCharacter(sub)) {
				throw new BadJwtException("An act.sub claim holds a control character");
			}
			actor = act.get("act");
		}
		Map<String, Object> mapped = new HashMap<>(DEFAULT_CLAIM_MAPPING.convert(claims));
		if (claims.get("iat") == null) {
			mapped.remove("iat");
		}
		return mapped;
	}

	private static boolean hasControlCharacter(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
				return true;
			}
		}
		return false;
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
