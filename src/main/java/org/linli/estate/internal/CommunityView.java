package org.linli.estate.internal;

import java.time.Instant;

public record CommunityView(Long id, String name, String address, String companyName, String contactName,
		String contactPhone, String bankAccount, String zoneId, Instant createdAt, Instant updatedAt) {

	static CommunityView of(Community c) {
		return new CommunityView(c.getId(), c.getName(), c.getAddress(), c.getCompanyName(), c.getContactName(),
				c.getContactPhone(), c.getBankAccount(), c.getZoneId(), c.getCreatedAt(), c.getUpdatedAt());
	}

}
