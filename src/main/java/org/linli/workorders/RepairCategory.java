package org.linli.workorders;

import org.linli.equipment.DeviceCategory;

/** What needs repairing. */
public enum RepairCategory {

	PLUMBING, ELECTRICAL, DOOR_WINDOW, ELEVATOR, LIGHTING, GAS, FACILITY, OTHER;

	/** The category of a repair of a device of this kind. */
	public static RepairCategory of(DeviceCategory device) {
		if (device == null) {
			return FACILITY;
		}
		return switch (device) {
			case ELEVATOR -> ELEVATOR;
			case WATER -> PLUMBING;
			case POWER -> ELECTRICAL;
			case LIGHTING -> LIGHTING;
			case ACCESS -> DOOR_WINDOW;
			default -> FACILITY;
		};
	}

}
