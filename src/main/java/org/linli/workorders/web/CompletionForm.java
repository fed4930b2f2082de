package org.linli.workorders.web;

import java.util.ArrayList;
import java.util.List;

import org.linli.shared.web.FormValues;
import org.linli.workorders.internal.WorkOrderService;

/**
 * The technician's completion form as typed: what was done, labour, up to four materials
 * (a name from the price list may leave its price empty), and whether the household pays.
 */
public record CompletionForm(String note, String labour, List<String> materialName, List<String> materialQuantity,
		List<String> materialUnitPrice, Boolean chargeable) {

	static final int ROWS = 4;

	/** Every column holds a value per row, so that each row can show its own error. */
	public CompletionForm {
		materialName = padded(materialName);
		materialQuantity = padded(materialQuantity);
		materialUnitPrice = padded(materialUnitPrice);
	}

	private static List<String> padded(List<String> column) {
		List<String> values = new ArrayList<>((column != null) ? column : List.of());
		while (values.size() < ROWS) {
			values.add("");
		}
		return values;
	}

	public static CompletionForm blank() {
		return new CompletionForm(null, null, List.of(), List.of(), List.of(), false);
	}

	/** The typed value of a material row's column, or "". */
	public String cell(List<String> column, int row) {
		return (column != null && row < column.size() && column.get(row) != null) ? column.get(row) : "";
	}

	/**
	 * The rows of the page that hold a material, in order: the service's materials[k].
	 */
	List<Integer> usedRows() {
		List<Integer> rows = new ArrayList<>();
		for (int i = 0; i < ROWS; i++) {
			if (!(cell(this.materialName, i).isBlank() && cell(this.materialQuantity, i).isBlank()
					&& cell(this.materialUnitPrice, i).isBlank())) {
				rows.add(i);
			}
		}
		return rows;
	}

	WorkOrderService.Completion command() {
		FormValues values = new FormValues();
		java.math.BigDecimal labourValue = values.decimal("labour", this.labour);
		List<WorkOrderService.MaterialLine> materials = new ArrayList<>();
		for (int i : usedRows()) {
			String quantity = cell(this.materialQuantity, i).trim();
			String price = cell(this.materialUnitPrice, i).trim();
			materials.add(new WorkOrderService.MaterialLine(cell(this.materialName, i).trim(),
					quantity.isEmpty() ? null : values.decimal("materialQuantity[" + i + "]", quantity),
					price.isEmpty() ? null : values.decimal("materialUnitPrice[" + i + "]", price)));
		}
		values.throwIfAny();
		return new WorkOrderService.Completion(this.note, labourValue, materials, Boolean.TRUE.equals(this.chargeable));
	}

}
