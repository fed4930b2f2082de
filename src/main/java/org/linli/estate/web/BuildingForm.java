package org.linli.estate.web;

/** The building form of the staff console. */
public class BuildingForm {

	private String name;

	private Integer floors;

	private boolean hasElevator;

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public Integer getFloors() {
		return this.floors;
	}

	public void setFloors(Integer floors) {
		this.floors = floors;
	}

	public boolean isHasElevator() {
		return this.hasElevator;
	}

	public void setHasElevator(boolean hasElevator) {
		this.hasElevator = hasElevator;
	}

}
