package org.linli.shared.excel;

/**
 * One problem of one row of an imported spreadsheet: {@code row} is the row number as
 * Excel shows it, {@code field} the input's name, {@code column} the column's heading in
 * the user's language, {@code message} what is wrong.
 */
public record RowError(int row, String field, String column, String message) {
}
