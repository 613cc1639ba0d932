package dev.unifiedauth.resourceserver.access;

import java.text.ParseException;

import com.nimbusds.jwt.SignedJWT;
import dev.unifiedauth.core.testing.DPoPProofBuilder;
import dev.unifiedauth.core.testing.ProofKey;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The resource server in this JVM on a random port, trusting the {@link TestIssuer}'s keys and asking the
 * {@link ApprovalApiStub} about SUPERVISED operations and reading revocations from the {@link RevocationFeedStub};
 * audit events go to a {@link RecordingAuditSink}. Every
 * subclass shares one application context (and one issuer and stub). The server's resource identifier is
 * {@value TestIssuer#AUDIENCE}, not the URL it listens on: proofs must name the identifier.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(RecordingAuditSink.Config.class)
public abstract class ResourceServerHttpTest {

	protected static final TestIssuer issuer = new TestIssuer();

	protected static final ApprovalApiStub approvals = new ApprovalApiStub();

	protected static final RevocationFeedStub revocations = new RevocationFeedStub();

	@LocalServerPort
	protected int port;

	@Autowired
	protected RecordingAuditSink audit;

	@DynamicPropertySource
	static void testEnvironment(DynamicPropertyRegistry registry) {
		registry.add("resource-server.jwk-set-uri", issuer::jwkSetUri);
		registry.add("resource-server.issuer", () -> TestIssuer.ISSUER);
		registry.add("resource-server.identifier", () -> TestIssuer.AUDIENCE);
		registry.add("resource-server.approvals.check-uri", approvals::checkUri);
		registry.add("resource-server.approvals.read-timeout", () -> "1s");
		registry.add("resource-server.revocation.feed-uri", revocations::feedUri);
		registry.add("resource-server.audit.spool-directory", () -> TemporaryDirectories.create("audit-spool"));
	}

	@BeforeEach
	void resetCollaborators() {
		approvals.answerWith((request) -> ApprovalApiStub.pending("apr_default"));
		this.audit.failing(false);
	}

	protected RequestSpecification given() {
		return RestAssured.given().port(this.port);
	}

	protected RequestSpecification bearer(String token) {
		return given().header("Authorization", "Bearer " + token);
	}

	/** {@code token} with the DPoP scheme and a valid proof of {@code key} for {@code method} and {@code path}. */
	protected RequestSpecification dpop(String token, ProofKey key, String method, String path) {
		return given().header("Authorization", "DPoP " + token).header("DPoP", proof(key, method, path, token));
	}

	protected static String proof(ProofKey key, String method, String path, String token) {
		return DPoPProofBuilder.with(key).htm(method).htu(TestIssuer.AUDIENCE + path).ath(token).build();
	}

	protected static String jti(String token) {
		try {
			return SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
