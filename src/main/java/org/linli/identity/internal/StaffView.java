package org.linli.identity.internal;

import java.time.Instant;
import java.util.List;

/**
 * A staff account as pages and the API show it; the phone is masked unless the viewer may
 * see it.
 */
public record StaffView(Long id, String username, String name, String phone, List<String> roles,
		List<String> permissions, List<Long> communityIds, boolean enabled, Instant createdAt, Instant updatedAt) {
}
