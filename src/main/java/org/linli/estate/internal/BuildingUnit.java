package org.linli.estate.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A unit (单元): an entrance of a building. */
@Entity
@Table(name = "building_unit")
public class BuildingUnit {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "building_id")
	private Long buildingId;

	private String name;

	protected BuildingUnit() {
	}

	BuildingUnit(long buildingId, String name) {
		this.buildingId = buildingId;
		this.name = name;
	}

	public Long getId() {
		return this.id;
	}

	public Long getBuildingId() {
		return this.buildingId;
	}

	public String getName() {
		return this.name;
	}

}
