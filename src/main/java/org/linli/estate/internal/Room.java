package org.linli.estate.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.linli.estate.RoomStatus;
import org.linli.estate.RoomType;

@Entity
@Table(name = "room")
public class Room {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "community_id")
	private Long communityId;

	@Column(name = "building_id")
	private Long buildingId;

	@Column(name = "unit_id")
	private Long unitId;

	private int floor;

	private String number;

	@Column(name = "building_area")
	private BigDecimal buildingArea;

	@Column(name = "usable_area")
	private BigDecimal usableArea;

	@Enumerated(EnumType.STRING)
	private RoomType type;

	@Enumerated(EnumType.STRING)
	private RoomStatus status;

	@Column(name = "handover_date")
	private LocalDate handoverDate;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	@Version
	private int version;

	protected Room() {
	}

	Room(long communityId, long buildingId, Long unitId, RoomCommand command, Instant now, LocalDate today) {
		this.communityId = communityId;
		this.buildingId = buildingId;
		this.createdAt = now;
		this.handoverDate = today;
		apply(unitId, command, now);
	}

	void apply(Long unitId, RoomCommand command, Instant now) {
		this.unitId = unitId;
		this.floor = command.floor();
		this.number = command.number();
		this.buildingArea = command.buildingArea();
		this.usableArea = command.usableArea();
		this.type = command.type();
		this.status = command.status();
		if (command.handoverDate() != null) {
			this.handoverDate = command.handoverDate();
		}
		this.updatedAt = now;
	}

	public Long getId() {
		return this.id;
	}

	public Long getCommunityId() {
		return this.communityId;
	}

	public Long getBuildingId() {
		return this.buildingId;
	}

	public Long getUnitId() {
		return this.unitId;
	}

	public int getFloor() {
		return this.floor;
	}

	public String getNumber() {
		return this.number;
	}

	public BigDecimal getBuildingArea() {
		return this.buildingArea;
	}

	public BigDecimal getUsableArea() {
		return this.usableArea;
	}

	public RoomType getType() {
		return this.type;
	}

	public RoomStatus getStatus() {
		return this.status;
	}

	public LocalDate getHandoverDate() {
		return this.handoverDate;
	}

}
