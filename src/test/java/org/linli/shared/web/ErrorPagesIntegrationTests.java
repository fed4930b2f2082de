package org.linli.shared.web;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * Every error page speaks the user's language: a page the role may not open (403), a page
 * or record that does not exist (404) and a refused form, in Chinese and in English,
 * never an untranslated "??key??" or a stack trace.
 */
class ErrorPagesIntegrationTests extends IntegrationTest {

	@Test
	void errorPagesInBothLanguagesHaveNoUntranslatedText() {
		long community = createCommunity();
		WebSession technician = WebSession.signIn(this.api.base(),
				createStaff(List.of("TECHNICIAN"), List.of(community)), "password-123");
		Map<String, List<String>> expected = Map.of("zh-CN", List.of("没有权限", "未找到"), "en",
				List.of("Not allowed", "Not found"));
		for (String lang : List.of("zh-CN", "en")) {
			technician.get("/admin?lang=" + lang);
			HttpResponse<String> forbidden = technician.get("/admin/cashier");
			assertThat(forbidden).hasStatus(403);
			assertThat(forbidden.body()).as(lang)
				.contains(expected.get(lang).get(0))
				.doesNotContain("??")
				.doesNotContain("Exception");
			for (String missing : List.of("/admin/no-such-page", "/admin/work-orders/987654321",
					"/admin/equipment/987654321")) {
				HttpResponse<String> notFound = technician.get(missing);
				assertThat(notFound).hasStatus(404);
				assertThat(notFound.body()).as(lang + " " + missing)
					.contains(expected.get(lang).get(1))
					.doesNotContain("??")
					.doesNotContain("Exception");
			}
		}
		WebSession anyone = WebSession.anonymous(this.api.base());
		for (String lang : List.of("zh-CN", "en")) {
			HttpResponse<String> unknownDevice = anyone.get("/d/no-such-token?lang=" + lang);
			assertThat(unknownDevice).hasStatus(404);
			assertThat(unknownDevice.body()).as(lang).doesNotContain("??").doesNotContain("Exception");
		}
	}

}
