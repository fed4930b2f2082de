package org.linli.dunning.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;
import org.linli.notifications.Channel;
import org.linli.shared.Money;
import org.linli.support.Seeds;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a room is reminded, as a pure function of its lines, the reminders it was sent,
 * the day and the policy.
 */
class DunningPolicyTests {

	private static final DunningPolicy POLICY = new DunningPolicy(true, 7, 15, 3, EnumSet.of(Channel.SMS));

	private static final LocalDate DUE = LocalDate.of(2026, 10, 15);

	private static DunningPolicy.Line line(long id, LocalDate due, String owed) {
		return new DunningPolicy.Line(id, due, Money.of(owed));
	}

	@Test
	void aPolicyThatIsOffRemindsNobody() {
		DunningPolicy off = new DunningPolicy(false, 7, 15, 3, EnumSet.of(Channel.SMS));
		assertThat(off.due(List.of(line(1, DUE, "100.00")), List.of(), DUE.plusDays(30))).isEmpty();
	}

	@Test
	void nothingOverdueMeansNoReminder() {
		// due today is not overdue; a paid line is not owed
		assertThat(POLICY.due(List.of(line(1, DUE, "100.00")), List.of(), DUE)).isEmpty();
		assertThat(POLICY.due(List.of(line(1, DUE, "0.00")), List.of(), DUE.plusDays(60))).isEmpty();
		assertThat(POLICY.due(List.of(), List.of(), DUE.plusDays(60))).isEmpty();
	}

	@Test
	void theFirstReminderComesFirstAfterDaysAfterTheDueDateForTheOverdueLinesOnly() {
		List<DunningPolicy.Line> lines = List.of(line(1, DUE, "100.00"), line(2, DUE.plusMonths(1), "80.00"),
				line(3, DUE.minusDays(3), "20.50"));
		assertThat(POLICY.due(lines, List.of(), DUE.plusDays(3))).isEmpty();
		Optional<DunningPolicy.Due> due = POLICY.due(lines, List.of(), DUE.plusDays(4));
		assertThat(due).isPresent();
		assertThat(due.get().step()).isEqualTo(1);
		assertThat(due.get().oldestDue()).isEqualTo(DUE.minusDays(3));
		assertThat(due.get().amount()).isEqualTo(Money.of("120.50"));
		assertThat(due.get().lines()).extracting(DunningPolicy.Line::billId).containsExactly(3L, 1L);
	}

	@Test
	void laterRemindersComeEveryEveryDaysUpToTheMaximum() {
		List<DunningPolicy.Line> lines = List.of(line(1, DUE, "100.00"));
		List<DunningPolicy.Sent> sent = new ArrayList<>();
		sent.add(new DunningPolicy.Sent(DUE, 1, DUE.plusDays(7)));
		assertThat(POLICY.due(lines, sent, DUE.plusDays(21))).isEmpty();
		assertThat(POLICY.due(lines, sent, DUE.plusDays(22)).map(DunningPolicy.Due::step)).contains(2);
		sent.add(new DunningPolicy.Sent(DUE, 2, DUE.plusDays(22)));
		assertThat(POLICY.due(lines, sent, DUE.plusDays(37)).map(DunningPolicy.Due::step)).contains(3);
		sent.add(new DunningPolicy.Sent(DUE, 3, DUE.plusDays(37)));
		assertThat(POLICY.due(lines, sent, DUE.plusDays(400))).isEmpty();
	}

	@Test
	void theSameDayTwiceRemindsOnce() {
		List<DunningPolicy.Line> lines = List.of(line(1, DUE, "100.00"));
		LocalDate today = DUE.plusDays(10);
		assertThat(POLICY.due(lines, List.of(), today)).isPresent();
		assertThat(POLICY.due(lines, List.of(new DunningPolicy.Sent(DUE, 1, today)), today)).isEmpty();
	}

	@Test
	void afterADowntimeOneReminderIsSentAndTheNextWaitsItsPause() {
		List<DunningPolicy.Line> lines = List.of(line(1, DUE, "100.00"));
		LocalDate back = DUE.plusDays(100);
		assertThat(POLICY.due(lines, List.of(), back).map(DunningPolicy.Due::step)).contains(1);
		List<DunningPolicy.Sent> sent = List.of(new DunningPolicy.Sent(DUE, 1, back));
		assertThat(POLICY.due(lines, sent, back.plusDays(14))).isEmpty();
		assertThat(POLICY.due(lines, sent, back.plusDays(15)).map(DunningPolicy.Due::step)).contains(2);
	}

	@Test
	void whenTheOldestLineIsPaidTheNextDebtStartsAgainButNotWithinThePause() {
		LocalDate next = DUE.plusMonths(1);
		List<DunningPolicy.Line> lines = List.of(line(1, DUE, "0.00"), line(2, next, "100.00"));
		List<DunningPolicy.Sent> sent = List.of(new DunningPolicy.Sent(DUE, 1, DUE.plusDays(7)),
				new DunningPolicy.Sent(DUE, 2, next.plusDays(5)));
		assertThat(POLICY.due(lines, sent, next.plusDays(19))).isEmpty();
		Optional<DunningPolicy.Due> due = POLICY.due(lines, sent, next.plusDays(20));
		assertThat(due.map(DunningPolicy.Due::step)).contains(1);
		assertThat(due.map(DunningPolicy.Due::oldestDue)).contains(next);
	}

	@Test
	void aReminderSentByHandCountsForThePauseButNotAsAStep() {
		List<DunningPolicy.Line> lines = List.of(line(1, DUE, "100.00"));
		List<DunningPolicy.Sent> byHand = List.of(new DunningPolicy.Sent(DUE, null, DUE.plusDays(3)));
		assertThat(POLICY.due(lines, byHand, DUE.plusDays(17))).isEmpty();
		assertThat(POLICY.due(lines, byHand, DUE.plusDays(18)).map(DunningPolicy.Due::step)).contains(1);
	}

	/**
	 * Day after day over a year, with lines falling due, paid and reminded at random: a
	 * debt never gets more than the maximum, no two reminders are closer than the pause,
	 * none comes before its step's day, and none is sent when nothing is overdue.
	 */
	@Test
	void overAYearOfDaysThePolicyKeepsItsPromises() {
		Seeds.forAll(200, (random, index) -> {
			DunningPolicy policy = new DunningPolicy(true, random.nextInt(0, 30), random.nextInt(1, 40),
					random.nextInt(1, 6), EnumSet.of(Channel.IN_APP));
			LocalDate start = LocalDate.of(2026, 1, 1);
			List<DunningPolicy.Line> lines = new ArrayList<>();
			List<DunningPolicy.Sent> sent = new ArrayList<>();
			for (int day = 0; day < 366; day++) {
				LocalDate today = start.plusDays(day);
				change(random, lines, today);
				Optional<DunningPolicy.Due> due = policy.due(lines, sent, today);
				if (due.isEmpty()) {
					continue;
				}
				DunningPolicy.Due d = due.get();
				assertThat(DunningPolicy.overdue(lines, today)).isNotEmpty();
				assertThat(d.step()).isBetween(1, policy.maxReminders());
				assertThat(sent.stream().filter((s) -> s.oldestDue().equals(d.oldestDue())).count())
					.isEqualTo(d.step() - 1);
				assertThat(today).isAfterOrEqualTo(
						d.oldestDue().plusDays(policy.firstAfterDays() + (long) (d.step() - 1) * policy.everyDays()));
				sent.stream()
					.map(DunningPolicy.Sent::on)
					.max(LocalDate::compareTo)
					.ifPresent((last) -> assertThat(ChronoUnit.DAYS.between(last, today))
						.isGreaterThanOrEqualTo(policy.everyDays()));
				assertThat(d.amount().isPositive()).isTrue();
				sent.add(new DunningPolicy.Sent(d.oldestDue(), d.step(), today));
			}
		});
	}

	/** A day of a room's bills: sometimes a new line, sometimes the oldest paid. */
	private static void change(RandomGenerator random, List<DunningPolicy.Line> lines, LocalDate today) {
		if (random.nextInt(30) == 0) {
			lines.add(new DunningPolicy.Line(lines.size() + 1, today.plusDays(random.nextInt(0, 20)),
					Money.of(random.nextInt(1, 500) + ".00")));
		}
		if (random.nextInt(60) == 0 && !lines.isEmpty()) {
			DunningPolicy.Line oldest = lines.stream()
				.filter((l) -> l.outstanding().isPositive())
				.min((a, b) -> a.dueDate().compareTo(b.dueDate()))
				.orElse(null);
			if (oldest != null) {
				lines.set(lines.indexOf(oldest), new DunningPolicy.Line(oldest.billId(), oldest.dueDate(), Money.ZERO));
			}
		}
	}

}
