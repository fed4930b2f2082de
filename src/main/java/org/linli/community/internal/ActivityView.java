package org.linli.community.internal;

import java.time.Instant;
import java.util.List;

import org.linli.shared.Money;

/**
 * An activity: what, where and when, its audience, its places and who holds them.
 * {@code taken} is the people registered, {@code waiting} the people on the waiting list,
 * {@code attended} those checked in.
 */
public record ActivityView(long id, long communityId, String title, String description, String place, Instant startsAt,
		Instant endsAt, Instant registrationDeadline, int capacity, int perHousehold, List<Long> buildingIds,
		List<String> buildings, Money fee, int taken, int waiting, int households, int attended, State state,
		Instant cancelledAt, String cancelReason, String createdBy, Instant createdAt) {

	public enum State {

		/** Taking registrations, places left. */
		OPEN,
		/** Taking registrations onto the waiting list only. */
		FULL,
		/** Past its registration deadline, not yet over. */
		CLOSED,
		/** Over. */
		PAST,
		/** Called off. */
		CANCELLED

	}

	public int placesLeft() {
		return Math.max(0, this.capacity - this.taken);
	}

}
