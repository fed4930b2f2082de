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

	/** zhang.wei@example.com becomes z***@example.com. */
	public static String email(String email) {
		if (email == null) {
			return null;
		}
		int at = email.indexOf('@');
		if (at <= 0) {
			return "***";
		}
		return email.charAt(0) + "***" + email.substring(at);
	}

	/** On lists others may see a name keeps its surname: 张三 becomes 张*, 欧阳娜娜 欧阳**. */
	public static String name(String name) {
		if (name == null || name.isBlank()) {
			return name;
		}
		String trimmed = name.strip();
		int keep = (trimmed.length() >= 4) ? 2 : 1;
		if (trimmed.length() <= 1) {
			return trimmed;
		}
		return trimmed.substring(0, keep) + "*".repeat(trimmed.length() - keep);
	}

}
