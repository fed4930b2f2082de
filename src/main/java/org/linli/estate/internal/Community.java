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
@Table(name = "community")
public class Community {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String name;

	private String address;

	@Column(name = "company_name")
	private String companyName;

	@Column(name = "contact_name")
	private String contactName;

	@Column(name = "contact_phone")
	private String contactPhone;

	private String bankAccount;

	@Column(name = "zone_id")
	private String zoneId = "Asia/Shanghai";

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	@Version
	private int version;

	protected Community() {
	}

	Community(CommunityCommand command, Instant now) {
		apply(command, now);
		this.createdAt = now;
	}

	void apply(CommunityCommand command, Instant now) {
		this.name = command.name();
		this.address = command.address();
		this.companyName = command.companyName();
		this.contactName = command.contactName();
		this.contactPhone = command.contactPhone();
		this.bankAccount = command.bankAccount();
		this.updatedAt = now;
	}

	public Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public String getAddress() {
		return this.address;
	}

	public String getCompanyName() {
		return this.companyName;
	}

	public String getContactName() {
		return this.contactName;
	}

	public String getBankAccount() {
		return this.bankAccount;
	}

	public String getContactPhone() {
		return this.contactPhone;
	}

	public String getZoneId() {
		return this.zoneId;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
