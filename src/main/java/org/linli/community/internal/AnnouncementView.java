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

	public record Attachment(long id, String fileName, String contentType, int size) {
	}

}
