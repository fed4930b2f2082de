package org.linli.residents.web;

import java.time.LocalDate;

import org.linli.estate.RoomRef;
import org.linli.residents.Gender;
import org.linli.residents.IdType;
import org.linli.residents.OccupancyRole;
import org.linli.residents.internal.ResidentCommand;
import org.linli.residents.internal.ResidentView;
import org.linli.shared.web.FormValues;

/**
 * The resident form of the staff console, as typed; on registration a room code, role and
 * date move them in at once.
 */
public record ResidentForm(String communityId, String name, String phone, String idType, String idNumber, String gender,
		String emergencyContact, String note, Boolean confirmDuplicate, String roomCode, String role, String since) {

	/** A new resident; moving into a room when one is given (as its owner, today). */
	static ResidentForm blank(RoomRef room, LocalDate today) {
		return new ResidentForm((room != null) ? String.valueOf(room.communityId()) : null, null, null,
				IdType.ID_CARD.name(), null, null, null, null, false, (room != null) ? room.code() : null,
				(room != null) ? OccupancyRole.OWNER.name() : null, (room != null) ? today.toString() : null);
	}

	/**
	 * A resident to edit; personal data only when the staff member may see it unmasked.
	 */
	static ResidentForm of(ResidentView view) {
		boolean clear = !view.masked();
		return new ResidentForm(String.valueOf(view.communityId()), view.name(), clear ? view.phone() : null,
				((view.idType() != null) ? view.idType() : IdType.ID_CARD).name(), clear ? view.idNumber() : null,
				(view.gender() != null) ? view.gender().name() : null, clear ? view.emergencyContact() : null,
				view.note(), false, null, null, null);
	}

	/** A registration, moving in when a room code is given. */
	ResidentCommand registration() {
		FormValues values = new FormValues();
		Long community = values.id("communityId", this.communityId);
		boolean movesIn = this.roomCode != null && !this.roomCode.isBlank();
		OccupancyRole occupancy = values.choice(OccupancyRole.class, "role", this.role);
		LocalDate from = values.date("since", this.since);
		ResidentCommand person = person(values, community);
		values.throwIfAny();
		return new ResidentCommand(person.communityId(), person.name(), person.phone(), person.idType(),
				person.idNumber(), person.gender(), person.emergencyContact(), person.note(), person.confirmDuplicate(),
				null, movesIn ? this.roomCode : null, movesIn ? occupancy : null, movesIn ? from : null);
	}

	/** A change of a resident of a community. */
	ResidentCommand change(long community) {
		FormValues values = new FormValues();
		ResidentCommand person = person(values, community);
		values.throwIfAny();
		return person;
	}

	private ResidentCommand person(FormValues values, Long community) {
		return new ResidentCommand(community, this.name, this.phone, values.choice(IdType.class, "idType", this.idType),
				this.idNumber, values.choice(Gender.class, "gender", this.gender), this.emergencyContact, this.note,
				Boolean.TRUE.equals(this.confirmDuplicate), null, null, null, null);
	}

}
