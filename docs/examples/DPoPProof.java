/*
 * Makes DPoP proofs (RFC 9449) from the command line with nothing but a JDK 17: no dependency, no build.
 *
 *   java DPoPProof.java keygen agent.jwk                      # a new P-256 key pair (private JWK, keep it)
 *   java DPoPProof.java jkt agent.jwk                         # its RFC 7638 thumbprint (what cnf.jkt says)
 *   java DPoPProof.java proof agent.jwk POST http://localhost:9000/oauth2/token [nonce]
 *   java DPoPProof.java proof agent.jwk GET http://localhost:8081/api/documents "" <access token>
 *
 * A proof is an ES256 JWS with typ dpop+jwt, the public key in the jwk header, a fresh jti, htm, htu, iat,
 * and optionally nonce and ath (base64url SHA-256 of the access token, for resource servers).
 */
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class DPoPProof {

	private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

	public static void main(String[] args) throws Exception {
		if (args.length < 2) {
			System.err.println("usage: keygen <file> | jkt <file> | proof <file> <METHOD> <URL> [nonce] [access_token]");
			System.exit(2);
		}
		switch (args[0]) {
			case "keygen" -> keygen(Path.of(args[1]));
			case "jkt" -> System.out.println(thumbprint(read(Path.of(args[1]), "x"), read(Path.of(args[1]), "y")));
			case "proof" -> System.out.println(proof(Path.of(args[1]), args[2], args[3],
					(args.length > 4 && !args[4].isEmpty()) ? args[4] : null,
					(args.length > 5 && !args[5].isEmpty()) ? args[5] : null));
			default -> {
				System.err.println("unknown command " + args[0]);
				System.exit(2);
			}
		}
	}

	static void keygen(Path file) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		KeyPair pair = generator.generateKeyPair();
		ECPublicKey pub = (ECPublicKey) pair.getPublic();
		String x = coordinate(pub.getW().getAffineX());
		String y = coordinate(pub.getW().getAffineY());
		String d = coordinate(((ECPrivateKey) pair.getPrivate()).getS());
		Files.writeString(file, "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + x + "\",\"y\":\"" + y + "\",\"d\":\"" + d
				+ "\"}\n");
		System.out.println(thumbprint(x, y));
	}

	static String proof(Path keyFile, String method, String url, String nonce, String accessToken) throws Exception {
		String x = read(keyFile, "x");
		String y = read(keyFile, "y");
		String header = "{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + x
				+ "\",\"y\":\"" + y + "\"}}";
		byte[] jti = new byte[16];
		new SecureRandom().nextBytes(jti);
		StringBuilder claims = new StringBuilder().append("{\"jti\":\"")
			.append(B64.encodeToString(jti))
			.append("\",\"htm\":\"")
			.append(method)
			.append("\",\"htu\":\"")
			.append(url)
			.append("\",\"iat\":")
			.append(System.currentTimeMillis() / 1000);
		if (nonce != null) {
			claims.append(",\"nonce\":\"").append(nonce).append('"');
		}
		if (accessToken != null) {
			claims.append(",\"ath\":\"").append(B64.encodeToString(sha256(accessToken))).append('"');
		}
		claims.append('}');
		String signingInput = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
		Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
		signature.initSign(privateKey(read(keyFile, "d")));
		signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
		return signingInput + "." + B64.encodeToString(signature.sign());
	}

	static String thumbprint(String x, String y) throws Exception {
		// RFC 7638 §3.2: the required members, lexicographic order, no white space
		String canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}";
		return B64.encodeToString(sha256(canonical));
	}

	static ECPrivateKey privateKey(String d) throws Exception {
		AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
		parameters.init(new ECGenParameterSpec("secp256r1"));
		ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
		return (ECPrivateKey) KeyFactory.getInstance("EC")
			.generatePrivate(new ECPrivateKeySpec(new BigInteger(1, Base64.getUrlDecoder().decode(d)), spec));
	}

	static String coordinate(BigInteger value) {
		byte[] bytes = value.toByteArray();
		byte[] fixed = new byte[32];
		int length = Math.min(bytes.length, 32);
		System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
		return B64.encodeToString(fixed);
	}

	static String read(Path file, String member) throws Exception {
		Matcher matcher = Pattern.compile("\"" + member + "\"\\s*:\\s*\"([A-Za-z0-9_-]+)\"").matcher(Files.readString(file));
		if (!matcher.find()) {
			throw new IllegalArgumentException(file + " has no \"" + member + "\"");
		}
		return matcher.group(1);
	}

	static byte[] sha256(String value) throws Exception {
		return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
	}

}
