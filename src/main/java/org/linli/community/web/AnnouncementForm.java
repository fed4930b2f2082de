package org.linli.community.web;

import java.util.List;

import org.linli.community.internal.Announcements;
import org.linli.shared.web.FormValues;

/** The publishing form as typed: times as {@code datetime-local} text. */
public record AnnouncementForm(String title, String body, List<Long> buildingIds, String publishAt, String expiresAt,
		Boolean pinned, Boolean urgent) {

	static AnnouncementForm blank() {
		return new AnnouncementForm(null, null, List.of(), null, null, false, false);
	}

	Announcements.Draft draft() {
		FormValues values = new FormValues();
		var publish = values.dateTime("publishAt", this.publishAt);
		var expires = values.dateTime("expiresAt", this.expiresAt);
		values.throwIfAny();
		return new Announcements.Draft(this.title, this.body, (this.buildingIds != null) ? this.buildingIds : List.of(),
				publish, expires, this.pinned, this.urgent);
	}

}
