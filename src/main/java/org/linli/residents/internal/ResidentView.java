package org.linli.residents.internal;

import java.time.Instant;
import java.util.List;

import org.linli.residents.Gender;
import org.linli.residents.IdType;

/**
 * A resident as staff see them: phone, ID number and emergency contact masked unless the
 * viewer may see them ({@code masked} says which).
 */
public record ResidentView(Long id, Long communityId, String name, String phone, IdType idType, String idNumber,
		Gender gender, String emergencyContact, String note, boolean masked, boolean portalAccount,
		List<OccupancyView> currentRooms, Instant createdAt, Instant updatedAt) {

	/** The day of registration, in the company's zone. */
	public java.time.LocalDate registeredOn() {
		return org.linli.shared.Times.date(this.createdAt);
	}

}
