package org.linli.shared.excel;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes a list as an .xlsx download: a bold header row, then one row per record. Streams
 * rows, so a long list does not sit in memory as a workbook.
 */
public final class ExcelExport {

	public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	private ExcelExport() {
	}

	/** Sets the download headers on the response and writes the workbook to it. */
	public static void download(HttpServletResponse response, String fileName, String sheetName, List<String> headers,
			Iterable<? extends List<?>> rows) throws IOException {
		response.setContentType(XLSX);
		response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''"
				+ URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"));
		write(response.getOutputStream(), sheetName, headers, rows);
	}

	public static void write(OutputStream out, String sheetName, List<String> headers, Iterable<? extends List<?>> rows)
			throws IOException {
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
			Sheet sheet = workbook.createSheet(sheetName);
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			Row header = sheet.createRow(0);
			for (int i = 0; i < headers.size(); i++) {
				Cell cell = header.createCell(i);
				cell.setCellValue(headers.get(i));
				cell.setCellStyle(bold);
				sheet.setColumnWidth(i, Math.max(10, headers.get(i).length() * 2 + 4) * 256);
			}
			int r = 1;
			for (List<?> values : rows) {
				Row row = sheet.createRow(r++);
				for (int i = 0; i < values.size(); i++) {
					set(row.createCell(i), values.get(i));
				}
			}
			workbook.write(out);
		}
	}

	private static void set(Cell cell, Object value) {
		if (value == null) {
			cell.setBlank();
		}
		else if (value instanceof BigDecimal decimal) {
			cell.setCellValue(decimal.doubleValue());
		}
		else if (value instanceof Number number) {
			cell.setCellValue(number.longValue());
		}
		else if (value instanceof Boolean bool) {
			cell.setCellValue(bool);
		}
		else if (value instanceof Instant instant) {
			cell.setCellValue(org.linli.shared.Times.seconds(instant));
		}
		else if (value instanceof TemporalAccessor temporal) {
			cell.setCellValue(temporal.toString());
		}
		else {
			cell.setCellValue(value.toString());
		}
	}

}
