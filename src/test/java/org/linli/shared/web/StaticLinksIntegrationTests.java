package org.linli.shared.web;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * Pages link the WebJars' files by their versioned paths (so that a new version is never
 * served from a stale cache), the same on every view though the resolved links are kept,
 * and only those links are rewritten: the page's own links keep their paths.
 */
class StaticLinksIntegrationTests extends IntegrationTest {

	private static final Pattern BOOTSTRAP = Pattern
		.compile("href=\"(/webjars/bootstrap/[^\"]+/bootstrap\\.min\\.css)\"");

	@Test
	void webJarLinksAreVersionedOnEveryViewAndOtherLinksAreLeftAlone() {
		long community = createCommunity();
		WebSession manager = WebSession.signIn(this.api.base(), createStaff(List.of("MANAGER"), List.of(community)),
				"password-123");
		String first = null;
		for (int view = 0; view < 3; view++) {
			HttpResponse<String> page = manager.get("/admin/communities/" + community + "/rooms");
			assertThat(page).hasStatus(200);
			Matcher link = BOOTSTRAP.matcher(page.body());
			assertThat(link.find()).as(page.body()).isTrue();
			assertThat(link.group(1))
				.matches("/webjars/bootstrap/\\d+\\.\\d+\\.\\d+[^/]*/dist/css/bootstrap\\.min\\.css");
			assertThat(first == null || first.equals(link.group(1))).isTrue();
			first = link.group(1);
			assertThat(page.body()).contains("src=\"/webjars/htmx.org/")
				.doesNotContain("\"/webjars/htmx.org/dist/")
				.contains("href=\"/admin/communities/" + community + "/rooms/new")
				.contains("href=\"/admin/communities\"");
		}
		HttpResponse<String> css = manager.get(first);
		assertThat(css).hasStatus(200);
		assertThat(css.headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
	}

}
