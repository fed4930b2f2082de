package org.linli.community.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.linli.community.internal.Activities;
import org.linli.community.internal.ActivityView;
import org.linli.shared.Times;
import org.linli.shared.web.FormValues;

/** An activity's form as typed: times as {@code datetime-local} text, numbers as text. */
public record ActivityForm(String title, String description, String place, String startsAt, String endsAt,
		String registrationDeadline, String capacity, String perHousehold, List<Long> buildingIds, String fee) {

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

	static ActivityForm blank() {
		return new ActivityForm(null, null, null, null, null, null, "20", "2", List.of(), null);
	}

	static ActivityForm of(ActivityView a) {
		return new ActivityForm(a.title(), a.description(), a.place(), local(a.startsAt()), local(a.endsAt()),
				local(a.registrationDeadline()), String.valueOf(a.capacity()), String.valueOf(a.perHousehold()),
				a.buildingIds(), (a.fee() != null) ? a.fee().amount().toPlainString() : null);
	}

	private static String local(Instant instant) {
		return LocalDateTime.ofInstant(instant, Times.zone()).format(LOCAL);
	}

	Activities.Plan plan() {
		FormValues values = new FormValues();
		var starts = values.dateTime("startsAt", this.startsAt);
		var ends = values.dateTime("endsAt", this.endsAt);
		var deadline = values.dateTime("registrationDeadline", this.registrationDeadline);
		Integer places = values.integer("capacity", this.capacity);
		Integer household = values.integer("perHousehold", this.perHousehold);
		var amount = values.decimal("fee", this.fee);
		values.throwIfAny();
		return new Activities.Plan(this.title, this.description, this.place, starts, ends, deadline, places, household,
				(this.buildingIds != null) ? this.buildingIds : List.of(), amount);
	}

}
