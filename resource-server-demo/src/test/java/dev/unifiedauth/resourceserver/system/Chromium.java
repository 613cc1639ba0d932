package dev.unifiedauth.resourceserver.system;

import java.io.File;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven through Debian's chromedriver. Nothing is ever downloaded: the driver and the
 * browser are given by path, so Selenium Manager never runs. Without Chromium the browser tests are skipped
 * with a message, except under {@code CI=true}, where they must run ({@code .ci/run} installs Chromium).
 */
final class Chromium {

	static final String BROWSER = System.getProperty("ua.chromium", "/usr/bin/chromium");

	static final String DRIVER = System.getProperty("ua.chromedriver", "/usr/bin/chromedriver");

	private Chromium() {
	}

	static ChromeDriver start() {
		boolean installed = new File(BROWSER).canExecute() && new File(DRIVER).canExecute();
		if (!installed) {
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException("CI=true but Chromium is not installed at " + BROWSER + " / " + DRIVER
						+ " (apt-get install -y chromium chromium-driver)");
			}
			Assumptions.abort("Browser tests skipped: Debian's chromium and chromium-driver are not installed ("
					+ BROWSER + ", " + DRIVER + "). Install them with: apt-get install -y chromium chromium-driver");
		}
		System.setProperty("webdriver.chrome.driver", DRIVER);
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BROWSER);
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
				"--window-size=1200,900");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return driver;
	}

}
