package dev.unifiedauth.authserver.testing;

import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;

/**
 * Reads JWTs in tests without verifying them (verification is what the server under test does).
 */
public final class Jwts {

	private Jwts() {
	}

	public static Map<String, Object> header(String jwt) {
		return parse(jwt).getHeader().toJSONObject();
	}

	public static Map<String, Object> claims(String jwt) {
		try {
			return parse(jwt).getJWTClaimsSet().toJSONObject();
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	public static SignedJWT parse(String jwt) {
		try {
			return SignedJWT.parse(jwt);
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("Not a JWS: " + jwt, ex);
		}
	}

}
