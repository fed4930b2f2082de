package org.linli.residents.web;

import java.time.LocalDate;
import org.linli.residents.Gender;
import org.linli.residents.IdType;
import org.linli.residents.OccupancyRole;
import org.springframework.format.annotation.DateTimeFormat;

/** The resident form of the staff console; the room fields move the new resident in. */
public class ResidentForm {

	private Long communityId;

	private String name;

	private String phone;

	private IdType idType;

	private String idNumber;

	private Gender gender;

	private String emergencyContact;

	private String note;

	private boolean confirmDuplicate;

	private String roomCode;

	private OccupancyRole role;

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate since;

	public Long getCommunityId() {
		return this.communityId;
	}

	public void setCommunityId(Long communityId) {
		this.communityId = communityId;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getPhone() {
		return this.phone;
	}

	public void setPhone(String phone) {
		this.phone = phone;
	}

	public IdType getIdType() {
		return this.idType;
	}

	public void setIdType(IdType idType) {
		this.idType = idType;
	}

	public String getIdNumber() {
		return this.idNumber;
	}

	public void setIdNumber(String idNumber) {
		this.idNumber = idNumber;
	}

	public Gender getGender() {
		return this.gender;
	}

	public void setGender(Gender gender) {
		this.gender = gender;
	}

	public String getEmergencyContact() {
		return this.emergencyContact;
	}

	public void setEmergencyContact(String emergencyContact) {
		this.emergencyContact = emergencyContact;
	}

	public String getNote() {
		return this.note;
	}

	public void setNote(String note) {
		this.note = note;
	}

	public boolean isConfirmDuplicate() {
		return this.confirmDuplicate;
	}

	public void setConfirmDuplicate(boolean confirmDuplicate) {
		this.confirmDuplicate = confirmDuplicate;
	}

	public String getRoomCode() {
		return this.roomCode;
	}

	public void setRoomCode(String roomCode) {
		this.roomCode = roomCode;
	}

	public OccupancyRole getRole() {
		return this.role;
	}

	public void setRole(OccupancyRole role) {
		this.role = role;
	}

	public LocalDate getSince() {
		return this.since;
	}

	public void setSince(LocalDate since) {
		this.since = since;
	}

}
