package org.linli.estate.internal;

public enum ParkingType {

	UNDERGROUND, SURFACE, MECHANICAL

}
