package org.linli.estate;

public enum RoomStatus {

	UNSOLD, VACANT, OCCUPIED, RENTED, DECORATING;

	/** Someone lives or works there. */
	public boolean isOccupied() {
		return this == OCCUPIED || this == RENTED;
	}

}
