package org.linli.notifications.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.linli.shared.Messages;

import org.springframework.stereotype.Component;

/**
 * The texts of messages, from the message files:
 * {@code notifications.template.<TEMPLATE>.title}, {@code .body} (in-app and email) and
 * {@code .sms}, in the recipient's language, their {@code {name}} placeholders filled
 * from the notice's params. A placeholder without a value stays visible, so a missing
 * value is seen, not hidden.
 */
@Component
class Templates {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9]*)\\}");

	private final Messages messages;

	Templates(Messages messages) {
		this.messages = messages;
	}

	record Rendered(String title, String body, String sms) {
	}

	Rendered render(String template, Locale locale, Map<String, String> params) {
		String prefix = "notifications.template." + template + ".";
		return new Rendered(fill(this.messages.get(locale, prefix + "title"), params),
				fill(this.messages.get(locale, prefix + "body"), params),
				fill(this.messages.get(locale, prefix + "sms"), params));
	}

	/**
	 * The params a template's SMS text uses, and only those: a provider with registered
	 * templates (Alibaba Cloud) refuses variables its template does not have, and what a
	 * module keeps for its own guard (the bills a reminder is about) is not for the SMS.
	 */
	Map<String, String> smsParams(String template, Map<String, String> params) {
		Matcher matcher = PLACEHOLDER
			.matcher(this.messages.get(Locale.SIMPLIFIED_CHINESE, "notifications.template." + template + ".sms"));
		Map<String, String> used = new LinkedHashMap<>();
		while (matcher.find()) {
			String value = params.get(matcher.group(1));
			if (value != null) {
				used.put(matcher.group(1), value);
			}
		}
		return used;
	}

	static String fill(String pattern, Map<String, String> params) {
		Matcher matcher = PLACEHOLDER.matcher(pattern);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String value = params.get(matcher.group(1));
			matcher.appendReplacement(out, Matcher.quoteReplacement((value != null) ? value : matcher.group()));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	static Locale locale(String tag) {
		return "en".equalsIgnoreCase(tag) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
	}

}
