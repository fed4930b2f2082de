package org.linli.estate.internal;

public enum ParkingStatus {

	VACANT, SOLD, RENTED, RESERVED

}
