package org.linli.community.internal;

import java.time.Instant;
import java.util.List;

/**
 * An announcement as staff see it: its audience, schedule and state, and how many of the
 * households it is addressed to have read it.
 */
public record AnnouncementView(long id, long communityId, String title, String body, List<Long> buildingIds,
		List<String> buildings, Instant publishAt, Instant expiresAt, boolean pinned, boolean urgent, State state,
		long households, long readHouseholds, List<Attachment> attachments, String createdBy, Instant createdAt,
		Instant notifiedAt) {

	public enum State {

		SCHEDULED, CURRENT, EXPIRED, WITHDRAWN

	}

	AnnouncementView withHouseholds(long count) {
		return new AnnouncementView(this.id, this.communityId, this.title, this.body, this.buildingIds, this.buildings,
				this.publishAt, this.expiresAt, this.pinned, this.urgent, this.state, count, this.readHouseholds,
				this.attachments, this.createdBy, this.createdAt, this.notifiedAt);
	}

	/** The share of its households that read it, in whole percent (at most 100). */
	public int readPercent() {
		return (this.households > 0) ? (int) Math.min(100, this.readHouseholds * 100 / this.households) : 0;
	}

	public record Attachment(long id, String fileName, String contentType, int size) {
	}

}
