package org.linli.estate.web;

import java.math.BigDecimal;
import org.linli.estate.RoomStatus;
import org.linli.estate.RoomType;

/** The room form of the staff console. */
public class RoomForm {

	private Long buildingId;

	private String unit;

	private Integer floor;

	private String number;

	private BigDecimal buildingArea;

	private BigDecimal usableArea;

	private RoomType type;

	private RoomStatus status;

	public Long getBuildingId() {
		return this.buildingId;
	}

	public void setBuildingId(Long buildingId) {
		this.buildingId = buildingId;
	}

	public String getUnit() {
		return this.unit;
	}

	public void setUnit(String unit) {
		this.unit = unit;
	}

	public Integer getFloor() {
		return this.floor;
	}

	public void setFloor(Integer floor) {
		this.floor = floor;
	}

	public String getNumber() {
		return this.number;
	}

	public void setNumber(String number) {
		this.number = number;
	}

	public BigDecimal getBuildingArea() {
		return this.buildingArea;
	}

	public void setBuildingArea(BigDecimal buildingArea) {
		this.buildingArea = buildingArea;
	}

	public BigDecimal getUsableArea() {
		return this.usableArea;
	}

	public void setUsableArea(BigDecimal usableArea) {
		this.usableArea = usableArea;
	}

	public RoomType getType() {
		return this.type;
	}

	public void setType(RoomType type) {
		this.type = type;
	}

	public RoomStatus getStatus() {
		return this.status;
	}

	public void setStatus(RoomStatus status) {
		this.status = status;
	}

}
