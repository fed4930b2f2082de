package org.linli.billing.fees;

/** What a fee item bills. */
public enum AppliesTo {

	ALL_ROOMS, PARKING_SPACES,
	/** The rooms of chosen buildings. */
	BUILDINGS,
	/** The rooms of chosen types (residential, shop…). */
	ROOM_TYPES;

	public boolean billsRooms() {
		return this != PARKING_SPACES;
	}

}
