package org.linli.residents.internal;

import java.time.LocalDate;

import org.linli.residents.Gender;
import org.linli.residents.IdType;
import org.linli.residents.OccupancyRole;

/**
 * A resident as staff register or change them. On registration, {@code roomId} (or
 * {@code roomCode}), {@code role} and {@code since} also move them into a room in the
 * same step. On a change, an ID number or emergency contact that is omitted (null) or
 * masked (as shown to staff without the right to see it) stays as it was; an empty one
 * ({@code ""}) clears it.
 */
public record ResidentCommand(Long communityId, String name, String phone, IdType idType, String idNumber,
		Gender gender, String emergencyContact, String note, boolean confirmDuplicate, Long roomId, String roomCode,
		OccupancyRole role, LocalDate since) {

	public ResidentCommand {
		name = trim(name);
		phone = trim(phone);
		idNumber = trimKeepingEmpty(idNumber);
		emergencyContact = trimKeepingEmpty(emergencyContact);
		note = trim(note);
		roomCode = trim(roomCode);
	}

	static String trim(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	/** Null stays null (not given); blank becomes empty (cleared). */
	static String trimKeepingEmpty(String value) {
		return (value == null) ? null : value.trim();
	}

	/** Whether a value is a masked one (138****5678), not one typed. */
	static boolean masked(String value) {
		return value != null && value.contains("*");
	}

	/** The same, with cleared values as absent (for a new resident). */
	ResidentCommand blanksAsNull() {
		return new ResidentCommand(this.communityId, this.name, this.phone, this.idType, trim(this.idNumber),
				this.gender, trim(this.emergencyContact), this.note, this.confirmDuplicate, this.roomId, this.roomCode,
				this.role, this.since);
	}

	boolean movesIn() {
		return this.roomId != null || this.roomCode != null || this.role != null || this.since != null;
	}

}
