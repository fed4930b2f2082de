package org.linli.shared;

/**
 * What an uploaded file really is, by its first bytes (never by its name or the type the
 * browser claims): PNG, JPEG, WebP or PDF; anything else is refused by the callers.
 */
public final class FileTypes {

	private FileTypes() {
	}

	/** The content type of the file, or null when it is none of those accepted. */
	public static String sniff(byte[] b) {
		if (starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
			return "image/png";
		}
		if (starts(b, 0xFF, 0xD8, 0xFF)) {
			return "image/jpeg";
		}
		if (b.length >= 12 && starts(b, 'R', 'I', 'F', 'F') && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
				&& b[11] == 'P') {
			return "image/webp";
		}
		if (starts(b, '%', 'P', 'D', 'F', '-')) {
			return "application/pdf";
		}
		return null;
	}

	/** The content type when the file is a PNG, JPEG or WebP image, else null. */
	public static String image(byte[] b) {
		String type = sniff(b);
		return (type != null && type.startsWith("image/")) ? type : null;
	}

	/** The file name extension of an accepted type. */
	public static String extension(String type) {
		return switch (type) {
			case "image/png" -> ".png";
			case "image/jpeg" -> ".jpg";
			case "image/webp" -> ".webp";
			default -> ".pdf";
		};
	}

	private static boolean starts(byte[] b, int... prefix) {
		if (b == null || b.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if ((b[i] & 0xFF) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

}
