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

	private static final Pattern LANDLINE = Pattern.compile("(0\\d{2,3}-?)?[2-9]\\d{6,7}(-\\d{1,6})?");

	private static final Pattern SERVICE = Pattern.compile("[48]00-?\\d{3}-?\\d{4}");

	/**
	 * Whether a number reaches an office: a mobile, a landline with or without its area
	 * code and extension (021-12345678-801), or a 400/800 service number.
	 */
	public static boolean isContactNumber(String input) {
		if (input == null) {
			return false;
		}
		String value = input.strip().replaceAll("\\s", "");
		return normalize(value) != null || LANDLINE.matcher(value).matches() || SERVICE.matcher(value).matches();
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
