package org.linli.residents.internal;

import java.math.BigDecimal;
import java.util.List;

import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.residents.OccupancyRole;
import org.linli.shared.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A resident's own view: their profile and only the rooms they live in today. Moving out
 * of a room ends its visibility from the move-out day.
 */
@Service
@Transactional(readOnly = true)
public class ResidentPortal {

	private final ResidentService residents;

	private final Occupancies occupancies;

	private final Estate estate;

	ResidentPortal(ResidentService residents, Occupancies occupancies, Estate estate) {
		this.residents = residents;
		this.occupancies = occupancies;
		this.estate = estate;
	}

	public ResidentView profile(long residentId) {
		return this.residents.own(residentId);
	}

	public List<MyRoom> rooms(long residentId) {
		return this.occupancies.currentRoomIds(residentId).stream().map((roomId) -> room(residentId, roomId)).toList();
	}

	public MyRoom room(long residentId, long roomId) {
		if (!this.occupancies.currentRoomIds(residentId).contains(roomId)) {
			throw new NotFoundException("room", roomId);
		}
		RoomRef room = this.estate.room(roomId).orElseThrow(() -> new NotFoundException("room", roomId));
		List<OccupancyView> household = this.occupancies.householdOf(roomId);
		OccupancyRole mine = household.stream()
			.filter((o) -> o.residentId() == residentId)
			.map(OccupancyView::role)
			.findFirst()
			.orElse(null);
		List<Member> members = household.stream()
			.map((o) -> new Member(o.residentId(), o.residentName(), o.role(), o.since(), o.residentId() == residentId))
			.toList();
		return new MyRoom(room.id(), room.code(), room.community(), room.floor(), room.buildingArea(), mine, members);
	}

	public record MyRoom(long id, String code, String community, int floor, BigDecimal buildingArea,
			OccupancyRole myRole, List<Member> household) {
	}

	public record Member(long residentId, String name, OccupancyRole role, java.time.LocalDate since, boolean me) {
	}

}
