package org.linli.estate.internal;

import java.util.List;

public record BuildingView(Long id, Long communityId, String name, int floors, boolean hasElevator, List<String> units,
		long rooms) {
}
