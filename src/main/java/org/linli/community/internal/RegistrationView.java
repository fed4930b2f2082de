package org.linli.community.internal;

import java.time.Instant;

import org.linli.community.RegistrationStatus;
import org.linli.shared.Money;

/**
 * A household's registration: who (the resident who registered, their room), how many,
 * where it stands ({@code position} on the waiting list, from 1), and whether they came.
 * {@code checkInCode} is shown to the household only (their QR code).
 */
public record RegistrationView(long id, long activityId, String activityTitle, Instant startsAt, long roomId,
		String room, long residentId, String name, int people, RegistrationStatus status, Integer position, Money fee,
		Instant createdAt, Instant promotedAt, Instant cancelledAt, Instant checkedInAt, Integer checkedInPeople,
		String checkInCode) {

	RegistrationView withoutCode() {
		return new RegistrationView(this.id, this.activityId, this.activityTitle, this.startsAt, this.roomId, this.room,
				this.residentId, this.name, this.people, this.status, this.position, this.fee, this.createdAt,
				this.promotedAt, this.cancelledAt, this.checkedInAt, this.checkedInPeople, null);
	}

}
