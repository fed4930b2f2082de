package org.linli.shared.excel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.linli.shared.Checks;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Messages;

/**
 * The envelope of every spreadsheet import, all or nothing: the file's rows below the
 * heading with their numbers as Excel shows them, blank rows skipped; the whole file
 * refused when it is unreadable, empty or too long; each row's problems collected with
 * its column named in the user's language, so that the user sees every problem at once
 * and nothing is written unless there is none. <pre>
 * SheetImport sheet = new SheetImport(messages, (field) -&gt; messages.get("estate.import.column." + field));
 * for (SheetImport.SheetRow row : SheetImport.read(fileName, file, 8, 20_000, false)) {
 *     Checks checks = new Checks();
 *     BigDecimal area = row.decimal(4, "buildingArea", checks);
 *     ...
 *     if (sheet.accept(row, checks)) { keep the row }
 * }
 * if (!sheet.ok()) { return report of sheet.errors(); }
 * </pre>
 */
public final class SheetImport {

	private final Messages messages;

	private final Function<String, String> columns;

	private final List<RowError> errors = new ArrayList<>();

	/** {@code columns} names a field's column in the user's language. */
	public SheetImport(Messages messages, Function<String, String> columns) {
		this.messages = messages;
		this.columns = columns;
	}

	/**
	 * The non-blank rows of the first sheet below its heading (of a .csv file when
	 * {@code csv} is allowed and the name says so), each with its first {@code width}
	 * cells as text; the file refused with 400 naming "file" when it cannot be read, has
	 * no rows or has more than {@code maxRows}.
	 */
	public static List<SheetRow> read(String fileName, InputStream file, int width, int maxRows, boolean csv) {
		List<SheetRow> rows;
		try {
			rows = (csv && fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".csv"))
					? csvRows(file, width, maxRows) : sheetRows(file, width, maxRows);
		}
		catch (IOException | RuntimeException ex) {
			throw InvalidInputException.field("file",
					csv ? "validation.file.unreadableCsv" : "validation.file.unreadable");
		}
		if (rows.isEmpty()) {
			throw InvalidInputException.field("file", "validation.file.empty");
		}
		if (rows.size() > maxRows) {
			throw InvalidInputException.field("file", "validation.file.tooManyRows", maxRows);
		}
		return rows;
	}

	private static List<SheetRow> sheetRows(InputStream file, int width, int maxRows) throws IOException {
		try (Workbook workbook = new XSSFWorkbook(file)) {
			Sheet sheet = workbook.getSheetAt(0);
			List<SheetRow> rows = new ArrayList<>();
			for (int r = 1; r <= sheet.getLastRowNum() && rows.size() <= maxRows; r++) {
				Row row = sheet.getRow(r);
				if (row == null) {
					continue;
				}
				List<String> cells = new ArrayList<>();
				List<LocalDate> dates = new ArrayList<>();
				for (int c = 0; c < width; c++) {
					Cell cell = row.getCell(c);
					cells.add(SheetCells.text(cell));
					dates.add((cell != null && cell.getCellType() == CellType.NUMERIC
							&& DateUtil.isCellDateFormatted(cell)) ? cell.getLocalDateTimeCellValue().toLocalDate()
									: null);
				}
				if (cells.stream().anyMatch(Objects::nonNull)) {
					rows.add(new SheetRow(r + 1, cells, dates));
				}
			}
			return rows;
		}
	}

	private static List<SheetRow> csvRows(InputStream file, int width, int maxRows) throws IOException {
		List<SheetRow> rows = new ArrayList<>();
		// blank lines are kept by the parser (and skipped here) so that record numbers
		// are the file's line numbers
		for (CSVRecord record : CSVFormat.DEFAULT.builder()
			.setIgnoreEmptyLines(false)
			.get()
			.parse(new InputStreamReader(file, StandardCharsets.UTF_8))) {
			if (record.getRecordNumber() == 1 || rows.size() > maxRows) {
				continue;
			}
			List<String> cells = new ArrayList<>();
			for (int c = 0; c < width; c++) {
				String value = (c < record.size()) ? record.get(c).replace("\uFEFF", "").trim() : "";
				cells.add(value.isEmpty() ? null : value);
			}
			if (cells.stream().anyMatch(Objects::nonNull)) {
				rows.add(new SheetRow((int) record.getRecordNumber(), cells, null));
			}
		}
		return rows;
	}

	/** Notes a row's problems, if it has any; answers whether it had none. */
	public boolean accept(SheetRow row, Checks problems) {
		return accept(row.number(), problems);
	}

	/** The same for a row number (problems found across rows, after reading them all). */
	public boolean accept(int rowNumber, Checks problems) {
		for (InvalidInputException.FieldProblem p : problems.problems()) {
			this.errors.add(new RowError(rowNumber, p.field(), this.columns.apply(p.field()),
					this.messages.get(p.messageKey(), p.args())));
		}
		return problems.isEmpty();
	}

	/** No row had a problem: the import may be written. */
	public boolean ok() {
		return this.errors.isEmpty();
	}

	/** Every row's problems, by row. */
	public List<RowError> errors() {
		List<RowError> sorted = new ArrayList<>(this.errors);
		sorted.sort((a, b) -> Integer.compare(a.row(), b.row()));
		return sorted;
	}

	/**
	 * One row of the file: its number as Excel shows it, its cells as text, and the cells
	 * that Excel holds as dates.
	 */
	public record SheetRow(int number, List<String> cells, List<LocalDate> dates) {

		/** The cell's text, trimmed; blank is null. */
		public String text(int column) {
			return (column < this.cells.size()) ? this.cells.get(column) : null;
		}

		/** A number; unreadable text is noted against the field. */
		public BigDecimal decimal(int column, String field, Checks problems) {
			String value = text(column);
			if (value == null) {
				return null;
			}
			try {
				return new BigDecimal(value);
			}
			catch (NumberFormatException ex) {
				problems.add(field, "validation.number");
				return null;
			}
		}

		/** A whole number; anything else is noted against the field. */
		public Integer integer(int column, String field, Checks problems) {
			String value = text(column);
			if (value == null) {
				return null;
			}
			try {
				return Integer.valueOf(value);
			}
			catch (NumberFormatException ex) {
				problems.add(field, "validation.integer");
				return null;
			}
		}

		/**
		 * A date: a cell Excel holds as a date, or text like 2026-01-05, 2026/1/5 or
		 * 2026.01.05.
		 */
		public LocalDate date(int column, String field, Checks problems) {
			if (this.dates != null && column < this.dates.size() && this.dates.get(column) != null) {
				return this.dates.get(column);
			}
			String value = text(column);
			if (value == null) {
				return null;
			}
			try {
				String[] parts = value.replace('/', '-').replace('.', '-').split("-");
				return LocalDate.of(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
						Integer.parseInt(parts[2].trim()));
			}
			catch (RuntimeException ex) {
				problems.add(field, "validation.dateFormat");
				return null;
			}
		}

		/**
		 * A choice given as its code or its label in either language
		 * ({@code prefix + code} in the message files); anything else is noted against
		 * the field; blank is null.
		 */
		public <E extends Enum<E>> E choice(Class<E> type, String prefix, int column, String field, Checks problems,
				Messages messages) {
			String value = text(column);
			E found = SheetCells.choice(type, prefix, value, messages);
			if (value != null && found == null) {
				problems.add(field, "validation.invalidValue");
			}
			return found;
		}

	}

}
