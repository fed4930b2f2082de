package org.linli.shared;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * User-facing text from the message files ({@code messages/messages*.properties}) in the
 * caller's language, for code that writes text itself: spreadsheet headings, PDFs,
 * notifications. A missing key shows as the key, so that it is seen and fixed rather than
 * hidden ({@code MessagesTests} checks every key used).
 */
@Component
public class Messages {

	private final MessageSource source;

	public Messages(MessageSource source) {
		this.source = source;
	}

	/**
	 * In the language of the current request (outside one, the default locale's: Chinese
	 * unless set otherwise).
	 */
	public String get(String key, Object... args) {
		return get(LocaleContextHolder.getLocale(), key, args);
	}

	/** In a given language: a recipient's, not the caller's. */
	public String get(Locale locale, String key, Object... args) {
		return this.source.getMessage(key, args, key, locale);
	}

	/**
	 * The label of an enum constant: {@code prefix + name}, e.g.
	 * {@code billing.payment.method.CASH}.
	 */
	public String label(String prefix, Enum<?> value) {
		return (value != null) ? get(prefix + value.name()) : "";
	}

}
