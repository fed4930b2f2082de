package org.linli.equipment.internal;

import java.util.List;

/** The categories and statuses of devices, in the order pages and templates list them. */
public final class EquipmentPageCategories {

	public static final List<String> ALL = List.of("ELEVATOR", "FIRE", "WATER", "POWER", "LIGHTING", "CCTV", "ACCESS", "HVAC", "OTHER");

	public static final List<String> STATUSES = List.of("IN_USE", "UNDER_REPAIR", "STOPPED", "SCRAPPED");

	private EquipmentPageCategories() {
	}

}
