package org.linli.shared.excel;

import java.util.Locale;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.NumberToTextConverter;
import org.linli.shared.Messages;

import org.springframework.context.MessageSource;

/**
 * Reading imported spreadsheets: a cell as the text a person typed, and a choice given as
 * its code or its label in either language.
 */
public final class SheetCells {

	private static final DataFormatter FORMATTER = new DataFormatter(Locale.ROOT);

	private SheetCells() {
	}

	/**
	 * The cell's text, trimmed; numbers as Excel shows them (89.5, not 89.500000001);
	 * blank is null.
	 */
	public static String text(Cell cell) {
		if (cell == null) {
			return null;
		}
		String value = (cell.getCellType() == CellType.NUMERIC && !DateUtil.isCellDateFormatted(cell))
				? NumberToTextConverter.toText(cell.getNumericCellValue()) : FORMATTER.formatCellValue(cell);
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	/**
	 * The enum constant that a value names: its code (RESIDENTIAL) or the label of
	 * {@code prefix + code} in Chinese or English (住宅, Residential). Null when nothing
	 * matches.
	 */
	public static <E extends Enum<E>> E choice(Class<E> type, String prefix, String value, Messages messages) {
		return choice(type, prefix, value, (key, locale) -> messages.get(locale, key));
	}

	/** The same, with the labels read from a message source. */
	public static <E extends Enum<E>> E choice(Class<E> type, String prefix, String value, MessageSource messages) {
		return choice(type, prefix, value, (key, locale) -> messages.getMessage(key, null, "", locale));
	}

	private static <E extends Enum<E>> E choice(Class<E> type, String prefix, String value,
			java.util.function.BiFunction<String, Locale, String> labels) {
		if (value == null) {
			return null;
		}
		for (E candidate : type.getEnumConstants()) {
			if (candidate.name().equalsIgnoreCase(value)
					|| value.equals(labels.apply(prefix + candidate.name(), Locale.SIMPLIFIED_CHINESE))
					|| value.equalsIgnoreCase(labels.apply(prefix + candidate.name(), Locale.ENGLISH))) {
				return candidate;
			}
		}
		return null;
	}

}
