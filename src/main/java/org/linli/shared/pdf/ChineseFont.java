package org.linli.shared.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.lowagie.text.pdf.BaseFont;

/**
 * The font of every PDF (receipts, dunning notices): WenQuanYi Micro Hei, shipped with
 * the application and embedded in each document, so that Chinese prints the same on every
 * host.
 */
public final class ChineseFont {

	private static volatile BaseFont font;

	private ChineseFont() {
	}

	public static BaseFont get() {
		BaseFont loaded = font;
		if (loaded == null) {
			try (InputStream in = ChineseFont.class.getResourceAsStream("/fonts/wqy-microhei.ttc")) {
				if (in == null) {
					throw new IllegalStateException("The PDF font is missing from the application");
				}
				loaded = BaseFont.createFont("wqy-microhei.ttc,0", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true,
						in.readAllBytes(), null);
				font = loaded;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return loaded;
	}

}
