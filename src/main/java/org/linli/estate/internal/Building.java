package org.linli.estate.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "building")
public class Building {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "community_id")
	private Long communityId;

	private String name;

	private int floors;

	@Column(name = "has_elevator")
	private boolean hasElevator;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	@Version
	private int version;

	protected Building() {
	}

	Building(long communityId, BuildingCommand command, Instant now) {
		this.communityId = communityId;
		this.createdAt = now;
		apply(command, now);
	}

	void apply(BuildingCommand command, Instant now) {
		this.name = command.name();
		this.floors = command.floors();
		this.hasElevator = command.hasElevator();
		this.updatedAt = now;
	}

	public Long getId() {
		return this.id;
	}

	public Long getCommunityId() {
		return this.communityId;
	}

	public String getName() {
		return this.name;
	}

	public int getFloors() {
		return this.floors;
	}

	public boolean isHasElevator() {
		return this.hasElevator;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
