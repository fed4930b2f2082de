package org.linli.equipment.internal;

import java.util.List;

/**
 * The categories and statuses of devices, in the order pages, templates and checks use
 * them.
 */
public final class DeviceKinds {

	public static final List<String> CATEGORIES = List.of("ELEVATOR", "FIRE", "WATER", "POWER", "LIGHTING", "CCTV",
			"ACCESS", "HVAC", "OTHER");

	public static final List<String> STATUSES = List.of("IN_USE", "UNDER_REPAIR", "STOPPED", "SCRAPPED");

	private DeviceKinds() {
	}

}
