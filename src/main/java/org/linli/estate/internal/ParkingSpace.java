package org.linli.estate.internal;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "parking_space")
public class ParkingSpace {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "community_id")
	private Long communityId;

	private String number;

	private String location;

	@Enumerated(EnumType.STRING)
	private ParkingType type;

	private BigDecimal area;

	@Enumerated(EnumType.STRING)
	private ParkingStatus status;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	@Version
	private int version;

	protected ParkingSpace() {
	}

	ParkingSpace(long communityId, ParkingCommand command, Instant now) {
		this.communityId = communityId;
		this.createdAt = now;
		apply(command, now);
	}

	void apply(ParkingCommand command, Instant now) {
		this.number = command.number();
		this.location = command.location();
		this.type = command.type();
		this.area = command.area();
		this.status = command.status();
		this.updatedAt = now;
	}

	public Long getId() {
		return this.id;
	}

	public Long getCommunityId() {
		return this.communityId;
	}

	public String getNumber() {
		return this.number;
	}

	public String getLocation() {
		return this.location;
	}

	public ParkingType getType() {
		return this.type;
	}

	public BigDecimal getArea() {
		return this.area;
	}

	public ParkingStatus getStatus() {
		return this.status;
	}

}
