package org.linli.residents;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.linli.shared.crypto.PhoneNumbers;

/**
 * Test data for residents: well-formed phone and ID numbers that no other test uses.
 */
final class ResidentsSupport {

	private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 10_000_000);

	private ResidentsSupport() {
	}

	static String phone() {
		String phone = "137" + String.format("%08d", SEQUENCE.incrementAndGet() % 100_000_000);
		if (PhoneNumbers.normalize(phone) == null) {
			throw new IllegalStateException(phone);
		}
		return phone;
	}

	/** A valid resident ID number with a fresh sequence. */
	static String idNumber() {
		long n = SEQUENCE.incrementAndGet();
		String first17 = "330106" + (1950 + n % 50) + String.format("%02d", 1 + n % 12)
				+ String.format("%02d", 1 + n % 28) + String.format("%03d", n % 1000);
		int[] weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
		char[] check = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += (first17.charAt(i) - '0') * weights[i];
		}
		return first17 + check[sum % 11];
	}

	static Map<String, Object> resident(String name, String phone) {
		Map<String, Object> body = new HashMap<>();
		body.put("name", name);
		body.put("phone", phone);
		body.put("gender", "MALE");
		return body;
	}

}
