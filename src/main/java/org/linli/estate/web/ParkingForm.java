package org.linli.estate.web;

import java.math.BigDecimal;
import org.linli.estate.internal.ParkingStatus;
import org.linli.estate.internal.ParkingType;

/** The parking space form of the staff console. */
public class ParkingForm {

	private String number;

	private String location;

	private ParkingType type;

	private BigDecimal area;

	private ParkingStatus status;

	public String getNumber() {
		return this.number;
	}

	public void setNumber(String number) {
		this.number = number;
	}

	public String getLocation() {
		return this.location;
	}

	public void setLocation(String location) {
		this.location = location;
	}

	public ParkingType getType() {
		return this.type;
	}

	public void setType(ParkingType type) {
		this.type = type;
	}

	public BigDecimal getArea() {
		return this.area;
	}

	public void setArea(BigDecimal area) {
		this.area = area;
	}

	public ParkingStatus getStatus() {
		return this.status;
	}

	public void setStatus(ParkingStatus status) {
		this.status = status;
	}

}
