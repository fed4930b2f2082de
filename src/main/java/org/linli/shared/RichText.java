package org.linli.shared;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Safelist;

/**
 * Rich text typed by staff (an announcement, an activity's description), made safe to
 * show residents: jsoup's cleaner with an allow-list of text markup — paragraphs,
 * emphasis, lists, headings, tables and links to web, mail and phone addresses. Nothing
 * else survives: no script, no event handler, no {@code javascript:} link, no style,
 * class or id (nothing can overlay the page or borrow its buttons' looks), no image from
 * elsewhere (attachments carry pictures), no frame or form.
 * <p>
 * Text without any tag is taken as plain text: each line becomes a paragraph.
 */
public final class RichText {

	private static final Safelist ALLOWED = new Safelist()
		.addTags("p", "br", "b", "strong", "i", "em", "u", "s", "ul", "ol", "li", "h3", "h4", "h5", "blockquote", "a",
				"table", "thead", "tbody", "tr", "th", "td", "hr")
		.addAttributes("a", "href", "title")
		.addProtocols("a", "href", "http", "https", "mailto", "tel")
		.addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer")
		.addEnforcedAttribute("a", "target", "_blank");

	private static final java.util.regex.Pattern TAG = java.util.regex.Pattern.compile("</?[a-zA-Z][^>]*>");

	private RichText() {
	}

	/** The text as safe HTML; blank for null. */
	public static String clean(String typed) {
		if (typed == null || typed.isBlank()) {
			return "";
		}
		String html = TAG.matcher(typed).find() ? typed : paragraphs(typed);
		Document.OutputSettings output = new Document.OutputSettings().prettyPrint(false)
			.escapeMode(Entities.EscapeMode.base);
		return Jsoup.clean(html, "", ALLOWED, output).strip();
	}

	/** What a reader sees of it, without markup (an SMS, a preview). */
	public static String plain(String html) {
		return (html == null) ? "" : Jsoup.parse(html).text().strip();
	}

	private static String paragraphs(String text) {
		StringBuilder html = new StringBuilder();
		for (String line : text.strip().split("\\R")) {
			if (!line.isBlank()) {
				html.append("<p>").append(Entities.escape(line.strip())).append("</p>");
			}
		}
		return html.toString();
	}

}
