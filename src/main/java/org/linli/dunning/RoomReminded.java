package org.linli.dunning;

import java.time.LocalDate;

import org.linli.shared.Money;

/**
 * A room was reminded of what it owes (by the policy's step {@code step}, or by staff
 * when {@code step} is null); its messages are queued. Published in the reminder's
 * transaction.
 */
public record RoomReminded(long reminderId, long communityId, long roomId, Integer step, Money amount,
		LocalDate oldestDue, LocalDate remindedOn) {
}
