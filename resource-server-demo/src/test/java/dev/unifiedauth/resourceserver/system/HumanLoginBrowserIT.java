package dev.unifiedauth.resourceserver.system;

import java.time.Duration;
import java.util.Base64;

import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "log in as alice" steps, in a real headless Chromium against both packaged servers: home page,
 * demo client, login form, consent, authorization code + PKCE S256 in the browser, and the access token used at
 * the resource server.
 */
class HumanLoginBrowserIT {

	private SystemUnderTest system;

	private ChromeDriver browser;

	@BeforeEach
	void start() {
		this.browser = Chromium.start();
		this.system = SystemUnderTest.get();
	}

	@AfterEach
	void quit() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void aliceWhenSheLogsInThroughTheDemoClientThenHerTokenOpensTheDocumentsApi() {
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(30));
		this.browser.get(this.system.authServerUrl() + "/");
		this.browser.findElement(By.id("demo-link")).click();
		wait.until(ExpectedConditions.elementToBeClickable(By.id("start-login"))).click();

		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email"))).sendKeys("alice@example.com");
		this.browser.findElement(By.id("password")).sendKeys("alice-password");
		this.browser.findElement(By.id("sign-in")).click();

		wait.until(ExpectedConditions.elementToBeClickable(By.id("consent-allow")));
		assertThat(this.browser.findElement(By.id("scope-documents:read")).isSelected()).isTrue();
		this.browser.findElement(By.id("consent-allow")).click();

		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
		assertThat(this.browser.getCurrentUrl()).startsWith(this.system.authServerUrl() + "/demo/callback?code=")
			.contains("iss=");
		String accessToken = this.browser.findElement(By.id("access-token")).getText().trim();
		String claims = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]));
		assertThat(claims).contains("\"sub\":\"usr-alice-001\"").contains("\"client_id\":\"demo-web\"");
		String header = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[0]));
		assertThat(header).contains("\"typ\":\"at+jwt\"").contains("\"alg\":\"ES256\"");

		this.browser.findElement(By.id("call-api")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("api-result"), "HTTP"));
		assertThat(this.browser.findElement(By.id("api-result")).getText()).startsWith("HTTP 200")
			.contains("Quarterly plan");

		Response documents = given().header("Authorization", "Bearer " + accessToken)
			.get(this.system.resourceServerUrl() + "/api/documents");
		assertThat(documents.statusCode()).isEqualTo(200);
		Response anonymous = given().get(this.system.resourceServerUrl() + "/api/documents");
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer")
			.contains("resource_metadata=\"" + this.system.resourceServerUrl() + "/.well-known/oauth-protected-resource\"");
	}

}
