package org.linli.equipment;

/** What a device is, in the order pages and the import template list them. */
public enum DeviceCategory {

	ELEVATOR, FIRE, WATER, POWER, LIGHTING, CCTV, ACCESS, HVAC, OTHER;

	/**
	 * Elevators are special equipment (特种设备安全监察条例 Art. 31): only a licensed contractor
	 * may maintain them, at least every 15 days (TSG T5002-2017).
	 */
	public boolean isSpecialEquipment() {
		return this == ELEVATOR;
	}

}
