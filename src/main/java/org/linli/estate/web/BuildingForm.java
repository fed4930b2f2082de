package org.linli.estate.web;

import org.linli.estate.internal.BuildingCommand;
import org.linli.estate.internal.BuildingView;
import org.linli.shared.web.FormValues;

/** The building form of the staff console, as typed. */
public record BuildingForm(String name, String floors, Boolean hasElevator) {

	static BuildingForm blank() {
		return new BuildingForm(null, null, false);
	}

	static BuildingForm of(BuildingView view) {
		return new BuildingForm(view.name(), String.valueOf(view.floors()), view.hasElevator());
	}

	BuildingCommand command() {
		FormValues values = new FormValues();
		Integer count = values.integer("floors", this.floors);
		values.throwIfAny();
		return new BuildingCommand(this.name, count, Boolean.TRUE.equals(this.hasElevator));
	}

}
