package org.linli.equipment.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The follow-up codes of QR reports: eight characters of an alphabet without look-alikes
 * (no 0/O, 1/I), 40 random bits, stored only as their SHA-256.
 */
final class FollowUpCodes {

	private static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

	private static final SecureRandom RANDOM = new SecureRandom();

	private FollowUpCodes() {
	}

	static String next() {
		StringBuilder code = new StringBuilder(8);
		for (int i = 0; i < 8; i++) {
			code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return code.toString();
	}

	/**
	 * The code as typed, without spaces and dashes, in capitals; null when it cannot be
	 * one.
	 */
	static String normalize(String typed) {
		if (typed == null) {
			return null;
		}
		String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
		return (code.length() == 8 && code.chars().allMatch((c) -> ALPHABET.indexOf(c) >= 0)) ? code : null;
	}

	static String hash(String code) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
