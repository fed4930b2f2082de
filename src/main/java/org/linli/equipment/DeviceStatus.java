package org.linli.equipment;

/** Where a device stands in its life. */
public enum DeviceStatus {

	IN_USE, UNDER_REPAIR, STOPPED, SCRAPPED;

	/**
	 * Still on site: maintained, inspected, labelled. A scrapped device is kept only as a
	 * record.
	 */
	public boolean isOnSite() {
		return this != SCRAPPED;
	}

}
