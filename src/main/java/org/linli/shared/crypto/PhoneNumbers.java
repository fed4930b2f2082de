package org.linli.shared.crypto;

import java.util.regex.Pattern;

/**
 * Chinese mobile numbers: 11 digits {@code 1[3-9]\d{9}}, an optional +86 prefix accepted
 * on input.
 */
public final class PhoneNumbers {

	private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");

	private PhoneNumbers() {
	}

	/** The stored form, or null when the input is not a valid mobile number. */
	public static String normalize(String input) {
		if (input == null) {
			return null;
		}
		String value = input.replaceAll("[\\s-]", "");
		if (value.startsWith("+86")) {
			value = value.substring(3);
		}
		return MOBILE.matcher(value).matches() ? value : null;
	}

}
