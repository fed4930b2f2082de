package org.linli.estate.internal;

import java.math.BigDecimal;

public record ParkingView(Long id, Long communityId, String number, String location, ParkingType type, BigDecimal area,
		ParkingStatus status) {

	static ParkingView of(ParkingSpace p) {
		return new ParkingView(p.getId(), p.getCommunityId(), p.getNumber(), p.getLocation(), p.getType(), p.getArea(),
				p.getStatus());
	}

}
