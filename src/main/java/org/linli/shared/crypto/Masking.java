package org.linli.shared.crypto;

/**
 * How personal data is shown to those who may not see it in full.
 */
public final class Masking {

	private Masking() {
	}

	/** 13812345678 becomes 138****5678. */
	public static String phone(String phone) {
		if (phone == null) {
			return null;
		}
		if (phone.length() < 7) {
			return "*".repeat(phone.length());
		}
		return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
	}

	/** An ID number keeps its first 4 and last 4 characters. */
	public static String idNumber(String id) {
		if (id == null) {
			return null;
		}
		if (id.length() <= 8) {
			return "*".repeat(id.length());
		}
		return id.substring(0, 4) + "*".repeat(id.length() - 8) + id.substring(id.length() - 4);
	}

}
