package org.linli.equipment.web;

import java.time.LocalDate;
import java.util.Map;

import org.linli.equipment.DeviceCategory;
import org.linli.equipment.DeviceStatus;
import org.linli.equipment.internal.EquipmentService;
import org.linli.shared.web.FormValues;

/** What was typed into the device form, kept as text when it is refused. */
public record DeviceForm(String code, String name, String category, String brand, String model, String serialNumber,
		String location, String purchaseDate, String installDate, String supplier, String warrantyUntil, String price,
		String status, Long responsibleId, String contractorName, String licenceNumber, String licenceExpiry) {

	/** The service's names of the contractor's fields, as the form names them. */
	static final Map<String, String> FIELDS = Map.of("contractor.name", "contractorName", "contractor.licenceNumber",
			"licenceNumber", "contractor.licenceExpiry", "licenceExpiry");

	/** A new device: an elevator in use. */
	static DeviceForm blank() {
		return new DeviceForm(null, null, DeviceCategory.ELEVATOR.name(), null, null, null, null, null, null, null,
				null, null, DeviceStatus.IN_USE.name(), null, null, null, null);
	}

	static DeviceForm of(EquipmentService.EquipmentView e) {
		EquipmentService.Contractor k = e.contractor();
		return new DeviceForm(e.code(), e.name(), e.category().name(), e.brand(), e.model(), e.serialNumber(),
				e.location(), text(e.purchaseDate()), text(e.installDate()), e.supplier(), text(e.warrantyUntil()),
				(e.price() != null) ? e.price().toPlainString() : null, e.status().name(), e.responsibleId(),
				(k != null) ? k.name() : null, (k != null) ? k.licenceNumber() : null,
				(k != null) ? text(k.licenceExpiry()) : null);
	}

	/** The command, or every unreadable value refused naming its field. */
	EquipmentService.EquipmentCommand command() {
		FormValues values = new FormValues();
		DeviceCategory kind = values.choice(DeviceCategory.class, "category", this.category);
		DeviceStatus state = values.choice(DeviceStatus.class, "status", this.status);
		LocalDate bought = values.date("purchaseDate", this.purchaseDate);
		LocalDate installed = values.date("installDate", this.installDate);
		LocalDate warranty = values.date("warrantyUntil", this.warrantyUntil);
		LocalDate expiry = values.date("licenceExpiry", this.licenceExpiry);
		var amount = values.decimal("price", this.price);
		values.throwIfAny();
		boolean noContractor = blank(this.contractorName) && blank(this.licenceNumber) && blank(this.licenceExpiry);
		return new EquipmentService.EquipmentCommand(this.code, this.name, kind, this.brand, this.model,
				this.serialNumber, this.location, bought, installed, this.supplier, warranty, amount, state,
				this.responsibleId,
				noContractor ? null : new EquipmentService.Contractor(this.contractorName, this.licenceNumber, expiry));
	}

	private static String text(LocalDate date) {
		return (date != null) ? date.toString() : null;
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
