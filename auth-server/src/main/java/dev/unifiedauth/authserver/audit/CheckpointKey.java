package dev.unifiedauth.authserver.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.unifiedauth.authserver.keys.OwnerOnlyFiles;
import dev.unifiedauth.authserver.storage.Sha256;

/**
 * The Ed25519 key (RFC 8032) that signs checkpoints of the audit trail. It lives in a file outside the database
 * (PEM: the PKCS#8 private key, then the X.509 public key), so that whoever can write the database cannot sign a
 * checkpoint for a rewritten trail. Its id is the first 16 hex digits of the SHA-256 of the public key's X.509
 * encoding. Thread-safe.
 */
final class CheckpointKey {

	private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final PrivateKey privateKey;

	private final PublicKey publicKey;

	private final String keyId;

	private CheckpointKey(PrivateKey privateKey, PublicKey publicKey) {
		this.privateKey = privateKey;
		this.publicKey = publicKey;
		this.keyId = HexFormat.of().formatHex(Sha256.digest(publicKey.getEncoded())).substring(0, 16);
	}

	/** The key in {@code file}, created (mode 600) if there is none yet: what the server does. */
	static CheckpointKey loadOrCreate(Path file) {
		if (Files.exists(file)) {
			return load(file);
		}
		try {
			KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			String pem = pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded());
			Files.writeString(file, pem, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW,
					StandardOpenOption.WRITE);
			OwnerOnlyFiles.restrict(file);
			return new CheckpointKey(pair.getPrivate(), pair.getPublic());
		}
		catch (FileAlreadyExistsException ex) {
			return load(file); // created a moment ago by another process
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the audit checkpoint key file " + file, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Ed25519 is required by the Java platform (JDK 15+)", ex);
		}
	}

	/**
	 * The key in {@code file}, which must exist: what the verifier does.
	 * @throws IllegalStateException if the file is missing or holds no Ed25519 key
	 */
	static CheckpointKey load(Path file) {
		String text;
		try {
			text = Files.readString(file, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the audit checkpoint key file " + file + ": " + ex, ex);
		}
		byte[] privateBytes = null;
		byte[] publicBytes = null;
		Matcher matcher = PEM.matcher(text);
		while (matcher.find()) {
			byte[] der = Base64.getMimeDecoder().decode(matcher.group(2));
			if ("PRIVATE KEY".equals(matcher.group(1))) {
				privateBytes = der;
			}
			else if ("PUBLIC KEY".equals(matcher.group(1))) {
				publicBytes = der;
			}
		}
		if (publicBytes == null) {
			throw new IllegalStateException("The audit checkpoint key file " + file + " holds no PUBLIC KEY block");
		}
		try {
			KeyFactory factory = KeyFactory.getInstance("Ed25519");
			PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(publicBytes));
			PrivateKey privateKey = (privateBytes != null)
					? factory.generatePrivate(new PKCS8EncodedKeySpec(privateBytes)) : null;
			return new CheckpointKey(privateKey, publicKey);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The audit checkpoint key file " + file + " holds no Ed25519 key", ex);
		}
	}

	String keyId() {
		return this.keyId;
	}

	/** The Ed25519 signature of {@code payload}, base64url. */
	String sign(byte[] payload) {
		if (this.privateKey == null) {
			throw new IllegalStateException("This checkpoint key can only verify");
		}
		try {
			Signature signature = Signature.getInstance("Ed25519");
			signature.initSign(this.privateKey);
			signature.update(payload);
			return BASE64URL.encodeToString(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot sign an audit checkpoint", ex);
		}
	}

	/** Whether {@code signature} (base64url) is this key's signature of {@code payload}. */
	boolean verify(byte[] payload, String signature) {
		try {
			Signature verifier = Signature.getInstance("Ed25519");
			verifier.initVerify(this.publicKey);
			verifier.update(payload);
			return verifier.verify(Base64.getUrlDecoder().decode(signature));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return false;
		}
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der) + "\n-----END "
				+ type + "-----\n";
	}

}
