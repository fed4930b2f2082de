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

	/**
	 * A JPEG without the metadata segments a phone writes into a photo — EXIF and XMP
	 * (APP1: where and when it was taken, the camera's owner) and IPTC (APP13) — so that
	 * a photo shows only what is in it. Any other file, or a JPEG whose segments cannot
	 * be followed, is answered as it is.
	 */
	public static byte[] withoutMetadata(byte[] b) {
		if (!"image/jpeg".equals(sniff(b))) {
			return b;
		}
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(b.length);
		out.write(0xFF);
		out.write(0xD8);
		int i = 2;
		while (i + 4 <= b.length) {
			if ((b[i] & 0xFF) != 0xFF) {
				return b;
			}
			int marker = b[i + 1] & 0xFF;
			if (marker == 0xDA) {
				// start of scan: the image data and the rest follow unchanged
				out.write(b, i, b.length - i);
				return out.toByteArray();
			}
			int length = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
			if (length < 2 || i + 2 + length > b.length) {
				return b;
			}
			if (marker != 0xE1 && marker != 0xED) {
				out.write(b, i, 2 + length);
			}
			i += 2 + length;
		}
		return b;
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
