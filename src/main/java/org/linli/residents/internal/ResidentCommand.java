package org.linli.residents.internal;

import java.time.LocalDate;

import org.linli.residents.Gender;
import org.linli.residents.IdType;
import org.linli.residents.OccupancyRole;

/**
 * A resident as staff register or change them. On registration, {@code roomId} (or
 * {@code roomCode}), {@code role} and {@code since} also move them into a room in the
 * same step.
 */
public record ResidentCommand(Long communityId, String name, String phone, IdType idType, String idNumber,
		Gender gender, String emergencyContact, String note, boolean confirmDuplicate, Long roomId, String roomCode,
		OccupancyRole role, LocalDate since) {

	public ResidentCommand {
		name = trim(name);
		phone = trim(phone);
		idNumber = trim(idNumber);
		emergencyContact = trim(emergencyContact);
		note = trim(note);
		roomCode = trim(roomCode);
	}

	static String trim(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	boolean movesIn() {
		return this.roomId != null || this.roomCode != null || this.role != null || this.since != null;
	}

}
