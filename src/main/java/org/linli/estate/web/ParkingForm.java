package org.linli.estate.web;

import java.math.BigDecimal;

import org.linli.estate.internal.ParkingCommand;
import org.linli.estate.internal.ParkingStatus;
import org.linli.estate.internal.ParkingType;
import org.linli.estate.internal.ParkingView;
import org.linli.shared.web.FormValues;

/** The parking space form of the staff console, as typed. */
public record ParkingForm(String number, String location, String type, String area, String status) {

	/** A new space: underground and vacant. */
	static ParkingForm blank() {
		return new ParkingForm(null, null, ParkingType.UNDERGROUND.name(), null, ParkingStatus.VACANT.name());
	}

	static ParkingForm of(ParkingView view) {
		return new ParkingForm(view.number(), view.location(), view.type().name(),
				(view.area() != null) ? view.area().toPlainString() : null, view.status().name());
	}

	ParkingCommand command() {
		FormValues values = new FormValues();
		ParkingType kind = values.choice(ParkingType.class, "type", this.type);
		BigDecimal size = values.decimal("area", this.area);
		ParkingStatus state = values.choice(ParkingStatus.class, "status", this.status);
		values.throwIfAny();
		return new ParkingCommand(this.number, this.location, kind, size, state);
	}

}
