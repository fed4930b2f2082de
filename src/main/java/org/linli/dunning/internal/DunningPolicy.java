package org.linli.dunning.internal;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.linli.notifications.Channel;
import org.linli.shared.Money;

/**
 * A community's dunning policy (催缴策略) — the first reminder {@code firstAfterDays} after
 * the due date of the oldest line still owed, then every {@code everyDays}, at most
 * {@code maxReminders} — and the rule of when a room is reminded, as a pure function of
 * its lines, the reminders it was sent and the day.
 * <p>
 * A room's debt is named by the due date of its oldest overdue line: when that line is
 * paid the next one's due date names a new debt, whose reminders start again at the first
 * step. However many steps fell due while nothing ran (a stopped server), one reminder is
 * sent, and the next one waits {@code everyDays}; a reminder staff sent by hand counts
 * for that pause too, so nobody is reminded twice within it.
 */
public record DunningPolicy(boolean enabled, int firstAfterDays, int everyDays, int maxReminders,
		Set<Channel> channels) {

	public DunningPolicy {
		channels = (channels == null || channels.isEmpty()) ? Set.of() : Set.copyOf(EnumSet.copyOf(channels));
	}

	/** The policy of a community that has set none: off, 7 / 15 / 3, in-app and SMS. */
	public static DunningPolicy defaults() {
		return new DunningPolicy(false, 7, 15, 3, EnumSet.of(Channel.IN_APP, Channel.SMS));
	}

	/** A bill line with something still owed. */
	public record Line(long billId, LocalDate dueDate, Money outstanding) {
	}

	/**
	 * A reminder the room was sent: for the debt that began on {@code oldestDue}, the
	 * policy's {@code step} (null when sent by hand), on a day.
	 */
	public record Sent(LocalDate oldestDue, Integer step, LocalDate on) {
	}

	/**
	 * A reminder to send: the policy's step for the debt that began on {@code oldestDue},
	 * for the overdue {@code lines} and their {@code amount}.
	 */
	public record Due(int step, LocalDate oldestDue, Money amount, List<Line> lines) {
	}

	/** The overdue part of a room's lines on a day: what a reminder is about. */
	public static List<Line> overdue(List<Line> lines, LocalDate today) {
		return lines.stream()
			.filter((l) -> l.outstanding().isPositive() && l.dueDate().isBefore(today))
			.sorted(Comparator.comparing(Line::dueDate).thenComparing(Line::billId))
			.toList();
	}

	/** The reminder a room is due today under this policy, if any. */
	public Optional<Due> due(List<Line> lines, List<Sent> sent, LocalDate today) {
		if (!this.enabled || this.channels.isEmpty()) {
			return Optional.empty();
		}
		List<Line> overdue = overdue(lines, today);
		if (overdue.isEmpty()) {
			return Optional.empty();
		}
		LocalDate oldestDue = overdue.get(0).dueDate();
		int step = 1 + (int) sent.stream().filter((s) -> s.step() != null && oldestDue.equals(s.oldestDue())).count();
		if (step > this.maxReminders) {
			return Optional.empty();
		}
		LocalDate scheduled = oldestDue.plusDays(this.firstAfterDays + (long) (step - 1) * this.everyDays);
		if (today.isBefore(scheduled)) {
			return Optional.empty();
		}
		Optional<LocalDate> last = sent.stream().map(Sent::on).filter(Objects::nonNull).max(LocalDate::compareTo);
		if (last.isPresent() && today.isBefore(last.get().plusDays(this.everyDays))) {
			return Optional.empty();
		}
		Money amount = overdue.stream().map(Line::outstanding).reduce(Money.ZERO, Money::plus);
		return Optional.of(new Due(step, oldestDue, amount, overdue));
	}

}
