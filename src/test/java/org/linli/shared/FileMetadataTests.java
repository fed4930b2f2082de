package org.linli.shared;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A photo keeps its picture and loses where and by whom it was taken. */
class FileMetadataTests {

	private static void segment(ByteArrayOutputStream out, int marker, String content) {
		byte[] bytes = content.getBytes(StandardCharsets.US_ASCII);
		out.write(0xFF);
		out.write(marker);
		out.write((bytes.length + 2) >> 8);
		out.write((bytes.length + 2) & 0xFF);
		out.writeBytes(bytes);
	}

	@Test
	void aJpegLosesItsExifXmpAndIptcSegmentsAndKeepsEverythingElse() {
		ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
		jpeg.write(0xFF);
		jpeg.write(0xD8);
		segment(jpeg, 0xE0, "JFIF-header");
		segment(jpeg, 0xE1, "Exif-GPS-31.2304N-121.4737E");
		segment(jpeg, 0xE1, "http://ns.adobe.com/xap/1.0/-owner");
		segment(jpeg, 0xED, "Photoshop-IPTC-byline");
		segment(jpeg, 0xDB, "quantisation-table");
		segment(jpeg, 0xDA, "scan-header");
		jpeg.writeBytes("picture-data".getBytes(StandardCharsets.US_ASCII));
		jpeg.write(0xFF);
		jpeg.write(0xD9);

		String stripped = new String(FileTypes.withoutMetadata(jpeg.toByteArray()), StandardCharsets.ISO_8859_1);
		assertThat(stripped).doesNotContain("GPS").doesNotContain("owner").doesNotContain("IPTC");
		assertThat(stripped).contains("JFIF-header", "quantisation-table", "scan-header", "picture-data");
		assertThat(FileTypes.image(FileTypes.withoutMetadata(jpeg.toByteArray()))).isEqualTo("image/jpeg");
	}

	@Test
	void otherFilesAndJpegsThatCannotBeFollowedAreLeftAsTheyAre() {
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 };
		assertThat(FileTypes.withoutMetadata(png)).isSameAs(png);
		byte[] truncated = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 0x10, 0x00, 'E' };
		assertThat(FileTypes.withoutMetadata(truncated)).isSameAs(truncated);
	}

}
