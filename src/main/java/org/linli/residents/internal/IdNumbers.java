package org.linli.residents.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;

import org.linli.residents.Gender;

/**
 * Resident ID numbers (居民身份证号码, GB 11643-1999): 17 digits with a valid birth date, then a
 * check character computed from the weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, mod 11,
 * mapped to 1 0 X 9 8 7 6 5 4 3 2.
 */
final class IdNumbers {

	private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };

	private static final char[] CHECK = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };

	private static final Pattern SHAPE = Pattern.compile("\\d{17}[\\dX]");

	private static final Pattern OTHER_DOCUMENT = Pattern.compile("[A-Z0-9]{5,20}");

	private IdNumbers() {
	}

	/** Upper case, without spaces; the stored form. */
	static String normalize(String input) {
		return (input == null) ? null : input.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
	}

	static boolean isValidIdCard(String number) {
		if (number == null || !SHAPE.matcher(number).matches()) {
			return false;
		}
		try {
			LocalDate birth = LocalDate.of(Integer.parseInt(number.substring(6, 10)),
					Integer.parseInt(number.substring(10, 12)), Integer.parseInt(number.substring(12, 14)));
			if (birth.getYear() < 1900 || birth.isAfter(LocalDate.of(2100, 1, 1))) {
				return false;
			}
		}
		catch (DateTimeException ex) {
			return false;
		}
		return number.charAt(17) == checkCharacter(number);
	}

	static char checkCharacter(String first17) {
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += (first17.charAt(i) - '0') * WEIGHTS[i];
		}
		return CHECK[sum % 11];
	}

	/** Passports and permits: letters and digits, 5 to 20 of them. */
	static boolean isValidOtherDocument(String number) {
		return number != null && OTHER_DOCUMENT.matcher(number).matches();
	}

	/** The sequence digit is odd for men and even for women. */
	static Gender genderOf(String idCard) {
		return ((idCard.charAt(16) - '0') % 2 == 1) ? Gender.MALE : Gender.FEMALE;
	}

}
