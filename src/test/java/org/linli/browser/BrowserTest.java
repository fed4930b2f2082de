package org.linli.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.linli.support.IntegrationTest;

/**
 * Base of the browser tests: headless Chromium from the system (never downloaded), driven
 * by Playwright, against the application on a random port. Run with
 * {@code ./mvnw verify -Pe2e}; screenshots go to target/screenshots.
 */
abstract class BrowserTest extends IntegrationTest {

	private static Playwright playwright;

	private static Browser browser;

	protected BrowserContext context;

	protected Page page;

	@BeforeAll
	static void launch() throws Exception {
		// Playwright makes a fresh browser profile per launch in the driver's TMPDIR:
		// keep it under target/.
		Path tmp = Files.createDirectories(Path.of("target", "tmp", "playwright")).toAbsolutePath();
		playwright = Playwright.create(new Playwright.CreateOptions()
			.setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1", "TMPDIR", tmp.toString())));
		browser = playwright.chromium()
			.launch(new BrowserType.LaunchOptions().setHeadless(true)
				.setExecutablePath(Paths.get(System.getProperty("linli.chromium", "/usr/bin/chromium")))
				.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
						"--disable-background-networking", "--disable-component-update", "--disable-sync",
						"--disable-dev-shm-usage")));
	}

	@AfterAll
	static void close() {
		if (browser != null) {
			browser.close();
		}
		if (playwright != null) {
			playwright.close();
		}
	}

	@BeforeEach
	void openPage() {
		this.context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
		this.context.setDefaultTimeout(15_000);
		this.page = this.context.newPage();
	}

	@AfterEach
	void closePage() {
		this.context.close();
	}

	protected BrowserContext phone() {
		BrowserContext phone = browser
			.newContext(new Browser.NewContextOptions().setViewportSize(390, 844).setIsMobile(true).setHasTouch(true));
		phone.setDefaultTimeout(15_000);
		return phone;
	}

	/** Another desktop-sized browser, signed in as nobody (a second member of staff). */
	protected BrowserContext desktop() {
		BrowserContext desktop = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
		desktop.setDefaultTimeout(15_000);
		return desktop;
	}

	protected String url(String path) {
		return this.api.base() + path;
	}

	protected void signIn(Page page, String username, String password) {
		page.navigate(url("/admin"));
		page.waitForURL("**/login");
		page.getByLabel("用户名").fill(username);
		page.getByLabel("密码").fill(password);
		page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录"))
			.click();
		page.waitForURL(java.util.regex.Pattern.compile(".*/admin(\\?.*)?$"));
	}

	protected void screenshot(Page page, String name) {
		page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", name + ".png"))
			.setFullPage(true));
	}

}
