package org.linli.community.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.residents.Residents;
import org.linli.shared.RequestMemo;
import org.linli.shared.SqlArrays;
import org.linli.shared.Times;

import org.springframework.stereotype.Component;

/**
 * A resident's homes today, and the audience condition they meet: a notice or an activity
 * is addressed to a home when it is for the home's whole community or for its building.
 */
@Component
class Homes {

	/**
	 * The condition on a table aliased {@code a} with {@code community_id} and
	 * {@code building_ids}, binding {@code :communities} and {@code :buildings}.
	 */
	static final String ADDRESSED = "(a.community_id = ANY (CAST(:communities AS bigint[])) AND "
			+ "(cardinality(a.building_ids) = 0 OR a.building_ids && CAST(:buildings AS bigint[])))";

	private final Residents residents;

	private final Estate estate;

	private final Clock clock;

	Homes(Residents residents, Estate estate, Clock clock) {
		this.residents = residents;
		this.estate = estate;
		this.clock = clock;
	}

	record Of(List<RoomRef> rooms, Map<Long, LocalDate> since) {

		boolean isEmpty() {
			return this.rooms.isEmpty();
		}

		String communities() {
			Set<Long> ids = new LinkedHashSet<>();
			this.rooms.forEach((r) -> ids.add(r.communityId()));
			return SqlArrays.bigints(ids);
		}

		String buildings() {
			Set<Long> ids = new LinkedHashSet<>();
			this.rooms.forEach((r) -> ids.add(r.buildingId()));
			return SqlArrays.bigints(ids);
		}

		/**
		 * Whether a registration is the resident's household's: they made it, or it was
		 * made for a home of theirs since they live there (never a former occupant's).
		 */
		boolean owns(long roomId, long residentId, Instant createdAt, long me) {
			if (residentId == me) {
				return true;
			}
			LocalDate from = this.since.get(roomId);
			return from != null && !createdAt.isBefore(Times.startOf(from));
		}

		/** The homes an audience (community, buildings — none for all) reaches. */
		List<RoomRef> reached(long communityId, List<Long> buildingIds) {
			List<RoomRef> reached = new ArrayList<>();
			for (RoomRef room : this.rooms) {
				if (room.communityId() == communityId
						&& (buildingIds.isEmpty() || buildingIds.contains(room.buildingId()))) {
					reached.add(room);
				}
			}
			return reached;
		}

	}

	/**
	 * Read once in a request (the portal's home asks for its notices, their unread count
	 * and the activities), forgotten with the resident's stays.
	 */
	Of of(long residentId) {
		LocalDate today = Times.today(this.clock);
		return RequestMemo.get(Residents.staysKey(residentId, today) + ".homes", () -> {
			Map<Long, LocalDate> stays = this.residents.staysOf(residentId, today);
			List<RoomRef> rooms = new ArrayList<>(this.estate.rooms(stays.keySet()).values());
			rooms.sort(java.util.Comparator.comparing(RoomRef::id));
			return new Of(List.copyOf(rooms), stays);
		});
	}

}
