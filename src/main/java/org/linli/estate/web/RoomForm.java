package org.linli.estate.web;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.linli.estate.RoomStatus;
import org.linli.estate.RoomType;
import org.linli.estate.internal.RoomCommand;
import org.linli.estate.internal.RoomView;
import org.linli.shared.web.FormValues;

/** The room form of the staff console, as typed. */
public record RoomForm(String buildingId, String unit, String floor, String number, String buildingArea,
		String usableArea, String type, String status, String handoverDate) {

	/**
	 * A new room of a building (or of a building still to choose): residential and
	 * vacant.
	 */
	static RoomForm blank(Long buildingId) {
		return new RoomForm((buildingId != null) ? String.valueOf(buildingId) : null, null, null, null, null, null,
				RoomType.RESIDENTIAL.name(), RoomStatus.VACANT.name(), null);
	}

	static RoomForm of(RoomView view) {
		return new RoomForm(String.valueOf(view.buildingId()), view.unit(), String.valueOf(view.floor()), view.number(),
				text(view.buildingArea()), text(view.usableArea()), view.type().name(), view.status().name(),
				(view.handoverDate() != null) ? view.handoverDate().toString() : null);
	}

	/** The building chosen, or null when none (or something unreadable) was. */
	Long building() {
		return new FormValues().id("buildingId", this.buildingId);
	}

	RoomCommand command() {
		FormValues values = new FormValues();
		Integer level = values.integer("floor", this.floor);
		BigDecimal area = values.decimal("buildingArea", this.buildingArea);
		BigDecimal usable = values.decimal("usableArea", this.usableArea);
		RoomType kind = values.choice(RoomType.class, "type", this.type);
		RoomStatus state = values.choice(RoomStatus.class, "status", this.status);
		LocalDate handover = values.date("handoverDate", this.handoverDate);
		values.throwIfAny();
		return new RoomCommand(this.unit, level, this.number, area, usable, kind, state, handover);
	}

	private static String text(BigDecimal value) {
		return (value != null) ? value.toPlainString() : null;
	}

}
