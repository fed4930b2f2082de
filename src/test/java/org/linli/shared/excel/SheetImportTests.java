package org.linli.shared.excel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.linli.shared.Checks;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Messages;

import org.springframework.context.support.StaticMessageSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The import envelope: rows with Excel's numbers, blank rows skipped, file-level
 * refusals, problems by column.
 */
class SheetImportTests {

	@Test
	void rowsKeepTheirExcelNumbersAndDatesAndSkipBlankRows() throws Exception {
		byte[] file = workbook((sheet, dates) -> {
			sheet.createRow(0).createCell(0).setCellValue("heading");
			Row first = sheet.createRow(1);
			first.createCell(0).setCellValue("A-1");
			first.createCell(1).setCellValue(java.sql.Date.valueOf("2026-03-05"));
			first.getCell(1).setCellStyle(dates);
			sheet.createRow(2);
			Row third = sheet.createRow(3);
			third.createCell(0).setCellValue("A-3");
			third.createCell(1).setCellValue("2026/4/1");
			third.createCell(2).setCellValue(12.5);
		});
		List<SheetImport.SheetRow> rows = SheetImport.read("rooms.xlsx", new ByteArrayInputStream(file), 3, 10, false);
		assertThat(rows).extracting(SheetImport.SheetRow::number).containsExactly(2, 4);
		Checks checks = new Checks();
		assertThat(rows.get(0).date(1, "since", checks)).isEqualTo(LocalDate.of(2026, 3, 5));
		assertThat(rows.get(1).date(1, "since", checks)).isEqualTo(LocalDate.of(2026, 4, 1));
		assertThat(rows.get(1).text(2)).isEqualTo("12.5");
		assertThat(checks.isEmpty()).isTrue();
	}

	@Test
	void aCsvFileMayStartWithAByteOrderMark() {
		String csv = "\uFEFFroom,meter\n1-1-101,电\n\n1-1-102,水\n";
		List<SheetImport.SheetRow> rows = SheetImport.read("readings.csv",
				new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), 2, 10, true);
		assertThat(rows).extracting((r) -> r.text(0)).containsExactly("1-1-101", "1-1-102");
		assertThat(rows).extracting(SheetImport.SheetRow::number).containsExactly(2, 4);
	}

	@Test
	void unreadableEmptyOrTooLongFilesAreRefusedWhole() throws Exception {
		assertThatThrownBy(
				() -> SheetImport.read("x.xlsx", new ByteArrayInputStream("not a workbook".getBytes()), 2, 10, false))
			.isInstanceOfSatisfying(InvalidInputException.class,
					(ex) -> assertThat(ex.problems().get(0).messageKey()).isEqualTo("validation.file.unreadable"));
		byte[] empty = workbook((sheet, dates) -> sheet.createRow(0).createCell(0).setCellValue("heading"));
		assertThatThrownBy(() -> SheetImport.read("x.xlsx", new ByteArrayInputStream(empty), 2, 10, false))
			.isInstanceOfSatisfying(InvalidInputException.class,
					(ex) -> assertThat(ex.problems().get(0).messageKey()).isEqualTo("validation.file.empty"));
		byte[] three = workbook((sheet, dates) -> {
			for (int r = 1; r <= 3; r++) {
				sheet.createRow(r).createCell(0).setCellValue("row " + r);
			}
		});
		assertThatThrownBy(() -> SheetImport.read("x.xlsx", new ByteArrayInputStream(three), 2, 2, false))
			.isInstanceOfSatisfying(InvalidInputException.class,
					(ex) -> assertThat(ex.problems().get(0).messageKey()).isEqualTo("validation.file.tooManyRows"));
	}

	@Test
	void eachProblemIsNamedByRowAndColumnInTheUsersLanguage() {
		StaticMessageSource source = new StaticMessageSource();
		source.addMessage("validation.required", Locale.SIMPLIFIED_CHINESE, "必填");
		org.springframework.context.i18n.LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
		SheetImport sheet = new SheetImport(new Messages(source), (field) -> "列" + field);
		assertThat(sheet.accept(7, new Checks())).isTrue();
		assertThat(sheet.accept(5, new Checks().add("number", "validation.required"))).isFalse();
		assertThat(sheet.ok()).isFalse();
		assertThat(sheet.errors()).containsExactly(new RowError(5, "number", "列number", "必填"));
		org.springframework.context.i18n.LocaleContextHolder.resetLocaleContext();
	}

	interface Filler {

		void fill(Sheet sheet, CellStyle dates);

	}

	private static byte[] workbook(Filler filler) throws Exception {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			CellStyle dates = workbook.createCellStyle();
			dates.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
			filler.fill(workbook.createSheet("s"), dates);
			workbook.write(out);
			return out.toByteArray();
		}
	}

}
