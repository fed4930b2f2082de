package org.linli.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RichTextTests {

	@Test
	void plainTextBecomesParagraphsWithItsMarkupEscaped() {
		assertThat(RichText.clean("第一行\n\n第二行 a<b")).isEqualTo("<p>第一行</p><p>第二行 a&lt;b</p>");
	}

	@Test
	void hostileMarkupIsRemovedAndAllowedMarkupKept() {
		String clean = RichText.clean("<h3>通知</h3><p style=\"position:fixed;z-index:9999\" class=\"btn\" id=\"x\">"
				+ "<b>停水</b></p><svg onload=alert(1)></svg><iframe src=\"//evil\"></iframe>"
				+ "<a href=\"JaVaScRiPt:alert(1)\">a</a><a href=\"data:text/html,x\">b</a><a href=\"tel:95598\">c</a>"
				+ "<form action=\"//evil\"><input name=p></form><table><tr><td onmouseover=x()>1</td></tr></table>");
		assertThat(clean).contains("<h3>通知</h3>", "<b>停水</b>", "href=\"tel:95598\"", "<td>1</td>",
				"rel=\"nofollow noopener noreferrer\"");
		assertThat(clean.toLowerCase()).doesNotContain("style", "class=", "id=", "svg", "onload", "iframe",
				"javascript", "data:", "<form", "<input", "onmouseover");
	}

	@Test
	void nothingLeftMeansBlankText() {
		assertThat(RichText.plain(RichText.clean("<script>x()</script>"))).isEmpty();
		assertThat(RichText.clean(null)).isEmpty();
	}

}
